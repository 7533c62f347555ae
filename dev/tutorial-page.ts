/**
 * A page that talks to hc-todo exactly as the public Zendesk to-do tutorial's custom page does
 * (shared/reference/TUTORIAL-CLIENT.md): cross-origin `fetch` to `${TODO_API_BASE_URL}/todo_items`,
 * `{value}` bodies, `Content-Type: application/json` on every call (so even GET is preflighted),
 * `responseBody.todo_items` read whatever the status, and numeric ids spliced unquoted into an
 * inline `onclick`. Unlike the tutorial it renders item text as text, and keeps its token in
 * memory rather than localStorage (same 1-second lifetime, so nearly every call fetches one), and
 * marks each item `elementtiming="todo-item"` so that `npm run bench` can time its paint.
 */
import { helpCenterUser, scriptJson } from '../lib/preview/help-center-page';

/** The page's HTML; `apiBase` plays the tutorial's TODO_API_BASE_URL. */
export function tutorialPage(apiBase: string, signedIn: boolean): string {
  const user = helpCenterUser(
    signedIn ? { id: 0, name: 'Tutorial user', locale: 'en-us' } : undefined,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>To-do list (tutorial)</title>
<script>window.HelpCenter = { user: ${scriptJson(user)} };</script></head>
<body>
<div id="app">
  <h1>To-do list</h1>
  <input id="new-item" type="text" aria-label="New item">
  <button id="add-item" type="button">Add Item</button>
  <ul id="todo-list"><li>Loading...</li></ul>
</div>
<script>
var TODO_API_BASE_URL = ${scriptJson(apiBase)};
var jwt = null;
function getJwt() {
  if (jwt && jwt.expiresAt > Date.now()) return Promise.resolve(jwt.value);
  return fetch('/api/v2/help_center/integration/token').then(function (res) { return res.json(); })
    .then(function (body) { jwt = { value: body.token, expiresAt: Date.now() + 1000 }; return body.token; });
}
function api(method, path, body) {
  return getJwt().then(function (token) {
    return fetch(TODO_API_BASE_URL + path, {
      method: method,
      headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  }).then(function (res) { return res.json(); })
    .then(function (responseBody) { render(responseBody.todo_items); });
}
function render(items) {
  var list = document.getElementById('todo-list');
  list.innerHTML = '';
  (items || []).forEach(function (item) {
    var li = document.createElement('li');
    li.setAttribute('elementtiming', 'todo-item'); // not the tutorial's: npm run bench times its paint
    li.appendChild(document.createTextNode(item.value + ' '));
    li.insertAdjacentHTML('beforeend',
      '<a href="#" onclick="deleteTodoItem(' + item.id + '); return false;">Delete</a>');
    list.appendChild(li);
  });
}
function deleteTodoItem(id) { return api('DELETE', '/todo_items/' + id); }
function addTodoItem() {
  var input = document.getElementById('new-item');
  var value = input.value;
  input.value = '';
  return api('POST', '/todo_items', { value: value });
}
window.addEventListener('load', function () {
  if (window.HelpCenter.user.role === 'anonymous') {
    document.getElementById('app').innerHTML = '<p>You must be logged in to use the to-do list.</p>';
    return;
  }
  document.getElementById('add-item').addEventListener('click', addTodoItem);
  api('GET', '/todo_items');
});
</script>
</body>
</html>`;
}
