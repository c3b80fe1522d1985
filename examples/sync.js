// The sync demo page: the widget with the `sync`, `user-id` and `user-name` of the page's query
// string (examples/sync.html?sync=http://127.0.0.1:5984/ghi-chu&user-id=lan&user-name=Lan).
const params = new URLSearchParams(location.search);
const widget = document.createElement('article-annotator');
widget.id = 'app';
for (const name of ['sync', 'user-id', 'user-name', 'lang']) {
  const value = params.get(name);
  if (value !== null) widget.setAttribute(name, value);
}
document.getElementById('sync-demo').append(widget);
