// The household import page (/households/import): while the upload request is busy, show how far it has come.
// The form is a plain post that works without this script; the script only gives the upload a progress id (the
// hidden field progressId) and polls GET /api/households/import/progress/{id} once a second until the page is replaced.
window.gridGuardImportProgress = function (form) {
  var field = form.elements['progressId'];
  var text = document.getElementById('import-progress');
  if (!field || !text || !window.fetch) {
    return;
  }

  var id = window.crypto && crypto.randomUUID
    ? crypto.randomUUID()
    : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  field.value = id;
  var n = function (x) { return Number(x).toLocaleString('zh-CN'); };
  var counts = function (s) { return '已导入 ' + n(s.imported) + ' 行，有错误 ' + n(s.rejected) + ' 行'; };

  function show(s) {
    if (!s) {
      text.textContent = '正在上传文件…';
    } else if (s.state === 'running') {
      var share = s.estimatedRows ? '（约 ' + n(s.estimatedRows) + ' 行中的 ' + Math.min(99, Math.floor(100 * s.rows / s.estimatedRows)) + '%）' : '';
      text.textContent = '已读取 ' + n(s.rows) + ' 行' + share + '：' + counts(s) + '。';
    } else if (s.state === 'finishing') {
      text.textContent = '全部 ' + n(s.rows) + ' 行已读取：' + counts(s) + '。正在完成写入，请稍候…';
    } else if (s.state === 'done') {
      text.textContent = '导入完成，正在显示结果…';
    } else {
      text.textContent = s.message || '导入未完成。';
    }

    return !s || s.state === 'running' || s.state === 'finishing';
  }

  function poll() {
    fetch('/api/households/import/progress/' + encodeURIComponent(id), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) { if (show(s)) { setTimeout(poll, 1000); } })
      .catch(function () { setTimeout(poll, 3000); });
  }

  text.textContent = '正在上传文件…';
  setTimeout(poll, 1000);
};
