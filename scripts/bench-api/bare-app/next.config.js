// The bare app's configuration: Next's defaults, nothing of hc-todo's (issue #19).
module.exports = {};
