// The bare app's configuration: Next's defaults, nothing of hc-todo's.
module.exports = {};
