// The sampler's page (/testing-rounds/{id}/sample). Every operation — open a tube, scan a person, close a tube — gets a
// client-made id and goes into a queue in IndexedDB first; the queue is sent in batches to
// POST /api/testing-rounds/{id}/samplings/batch whenever the network allows (at once, every 5 s, and on 'online').
// The server answers each operation; a resend is harmless because it recognises the ids. A small service worker
// (/sampler-sw.js) keeps the page and its assets so that it also reloads offline.
// Loaded on every page (App.razor); it starts on the sampler page after a full load or an enhanced navigation.
(function () {
  'use strict';

  var DB_NAME = 'gridguard-sampler';
  var STORE = 'ops';
  var BATCH = 500;
  var BARCODE = /^[A-Za-z0-9-]{6,32}$/;
  var CODE = /^GG[0-9a-f]{32}$/i;

  var root = null;
  var round = null;
  var url = null;
  var tube = null; // { barcode, pool, count, closed }
  var sending = false;
  var retryAt = 0;
  var timer = null;
  var online = true;
  var pending = 0;
  var seq = Date.now();

  function $(id) { return document.getElementById(id); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }

    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // IndexedDB, as promises.
  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open(DB_NAME, 1);
        open.onupgradeneeded = function () {
          var store = open.result.createObjectStore(STORE, { keyPath: 'clientId' });
          store.createIndex('round', 'round');
        };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }

    return dbPromise;
  }

  function tx(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(STORE, mode);
        var result = work(t.objectStore(STORE));
        t.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }

  function queued() {
    return tx('readonly', function (s) { return s.index('round').getAll(round); })
      .then(function (ops) { return ops.sort(function (a, b) { return a.seq - b.seq; }); });
  }

  function add(op) { return tx('readwrite', function (s) { s.put(op); }); }

  function remove(ids) { return tx('readwrite', function (s) { ids.forEach(function (id) { s.delete(id); }); }); }

  // What the sampler sees.
  function alertBox(kind, text) {
    var box = $('sampler-alert');
    box.className = 'sampler-alert ' + kind;
    box.textContent = text;
    box.hidden = false;
    if (kind === 'refused' && navigator.vibrate) {
      navigator.vibrate([300, 100, 300]);
    }
  }

  function showQueue() {
    var q = $('sampler-queue');
    if (!q) {
      return;
    }

    q.className = 'sampler-queue' + (online ? '' : ' offline');
    q.textContent = (online ? '在线' : '离线：扫码保存在本机，联网后自动上传') + ' · 待上传 ' + pending + ' 条';
    q.setAttribute('data-pending', String(pending));
  }

  function saveTube() {
    localStorage.setItem('gg-tube-' + round, tube ? JSON.stringify(tube) : '');
  }

  function showTube() {
    var box = $('tube-state');
    // While a tube is open the sampler only scans people; a new tube is opened once this one is closed.
    $('tube-form').hidden = !!(tube && !tube.closed);
    if (!tube) {
      box.hidden = true;
      return;
    }

    box.hidden = false;
    $('tube-code').textContent = tube.barcode;
    $('tube-pool').textContent = tube.pool === 1 ? '单管' : tube.pool + '合1';
    $('tube-count').textContent = tube.count;
    $('tube-capacity').textContent = tube.pool;
    $('tube-closed').hidden = !tube.closed;
  }

  function mask(id) {
    return id.length > 8 ? id.slice(0, 4) + '**********' + id.slice(-4) : id;
  }

  function row(op, label) {
    var li = document.createElement('li');
    li.setAttribute('data-client', op.clientId);
    li.setAttribute('data-testid', 'recent-row');
    li.innerHTML = '<div class="missing-row"><span class="who"></span><span class="badge state">待上传</span></div>';
    li.querySelector('.who').textContent = label;
    var list = $('recent');
    list.insertBefore(li, list.firstChild);
    while (list.children.length > 30) {
      list.removeChild(list.lastChild);
    }
  }

  // The row's state once the server answered; with the person's name from the registry, so that the sampler can check
  // it against the person in front of them (a person code alone says nothing).
  function mark(clientId, text, kind, name) {
    var li = document.querySelector('#recent li[data-client="' + clientId + '"]');
    if (li) {
      var badge = li.querySelector('.state');
      badge.textContent = text;
      badge.className = 'badge state ' + (kind || '');
      li.setAttribute('data-state', kind || 'ok');
      var who = li.querySelector('.who');
      if (name && who.getAttribute('data-named') !== '1' && who.textContent.indexOf(name) !== 0) {
        who.textContent = name + ' · ' + who.textContent;
        who.setAttribute('data-named', '1');
      }
    }
  }

  // A resident-ID number's check character (GB 11643), so that a typo is refused before it is queued.
  function idValid(n) {
    if (!/^\d{17}[\dX]$/.test(n)) {
      return false;
    }

    var w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    var sum = 0;
    for (var i = 0; i < 17; i++) {
      sum += Number(n[i]) * w[i];
    }

    return '10X98765432'[sum % 11] === n[17];
  }

  function enqueue(op) {
    op.round = round;
    op.seq = ++seq;
    pending++;
    showQueue();
    return add(op).then(flush);
  }

  function siteId() {
    var s = $('sampler-site');
    return s && s.value ? s.value : null;
  }

  function openTube(e) {
    e.preventDefault();
    var input = $('tube-barcode');
    var barcode = input.value.trim().toUpperCase();
    var pool = Number((root.querySelector('input[name=pool]:checked') || {}).value || 10);
    if (!BARCODE.test(barcode)) {
      alertBox('refused', '采样管条码格式不正确：应为 6–32 位字母、数字或连字符');
      return;
    }

    tube = { barcode: barcode, pool: pool, count: 0, closed: false };
    saveTube();
    showTube();
    input.value = '';
    alertBox('ok', '已开管 ' + barcode + '（' + (pool === 1 ? '单管' : pool + '合1') + '），请扫第一人');
    $('person-id').focus();
    enqueue({ clientId: uuid(), tube: barcode, poolSize: pool, siteId: siteId() });
  }

  function scan(e) {
    e.preventDefault();
    var input = $('person-id');
    var text = input.value.trim().toUpperCase();
    var name = $('person-name').value.trim();
    if (!tube || tube.closed) {
      alertBox('refused', '请先开一支新管');
      return;
    }

    var op = { clientId: uuid(), tube: tube.barcode, poolSize: tube.pool, siteId: siteId(), sampledAt: new Date().toISOString() };
    var label;
    if (CODE.test(text)) {
      op.personCode = text;
      label = '个人码 …' + text.slice(-6);
    } else {
      if (text.length === 15 || !idValid(text)) {
        alertBox('refused', '身份证号不正确（请核对校验位，或扫个人码）：' + text);
        return;
      }

      op.idNumber = text;
      label = (name ? name + ' ' : '') + mask(text);
    }

    if (name) {
      op.name = name;
    }

    tube.count++;
    if (tube.count >= tube.pool) {
      tube.closed = true;
    }

    saveTube();
    showTube();
    row(op, label);
    input.value = '';
    $('person-name').value = '';
    alertBox(tube.closed ? 'warn' : 'ok', tube.closed ? '本管已满 ' + tube.pool + ' 人，已自动封管，请开新管' : '已采第 ' + tube.count + ' 人');
    input.focus();
    enqueue(op);
  }

  function closeTube() {
    if (!tube || tube.closed) {
      return;
    }

    tube.closed = true;
    saveTube();
    showTube();
    alertBox('warn', '已封管 ' + tube.barcode + '（' + tube.count + ' 人），请开新管');
    enqueue({ clientId: uuid(), tube: tube.barcode, close: true });
  }

  function apply(op, r) {
    if (r.status === 'Refused') {
      mark(op.clientId, '被拒绝', 'off');
      alertBox('refused', r.reason || '采样被拒绝');
      if (op.idNumber || op.personCode) {
        if (tube && tube.barcode === op.tube && !tube.closed) {
          tube.count = Math.max(0, tube.count - 1);
        }
      } else if (tube && tube.barcode === op.tube && !op.close) {
        tube.closed = true; // the tube could not be opened: take another one
      }

      return;
    }

    mark(op.clientId, r.status === 'Duplicate' ? '已上传（重复）' : '已上传', r.warning ? 'warn' : 'ok', r.personName);
    if (r.warning) {
      alertBox('warn', r.warning);
    }

    // Scans made after this batch was sent are counted here already: the server's count can only raise ours.
    if (tube && r.tube === tube.barcode && typeof r.tubeCount === 'number') {
      tube.count = Math.max(tube.count, r.tubeCount);
      tube.closed = tube.closed || r.tubeClosed;
    }
  }

  function flush() {
    if (!root || sending || Date.now() < retryAt) {
      return Promise.resolve();
    }

    sending = true;
    var batch = [];
    return queued()
      .then(function (ops) {
        pending = ops.length;
        batch = ops.slice(0, BATCH);
        if (batch.length === 0) {
          return null;
        }

        var scans = batch.map(function (o) {
          return {
            clientId: o.clientId, tube: o.tube, poolSize: o.poolSize, personCode: o.personCode, idNumber: o.idNumber,
            name: o.name, sampledAt: o.sampledAt, siteId: o.siteId, close: o.close,
          };
        });
        return fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ scans: scans }),
        });
      })
      .then(function (response) {
        if (!response) {
          online = navigator.onLine !== false;
          return null;
        }

        online = true;
        if (response.status === 503) {
          retryAt = Date.now() + 1000 * Number(response.headers.get('Retry-After') || 2);
          return null;
        }

        if (response.status === 401 || response.redirected) {
          alertBox('refused', '登录已过期：请重新登录，本机保存的扫码会自动上传');
          return null;
        }

        if (!response.ok) {
          alertBox('refused', '上传失败（' + response.status + '），稍后自动重试');
          return null;
        }

        return response.json().then(function (answer) {
          answer.results.forEach(function (r, i) { apply(batch[i], r); });
          saveTube();
          showTube();
          return remove(batch.map(function (o) { return o.clientId; })).then(function () {
            pending = Math.max(0, pending - batch.length);
            return pending > 0 ? 'more' : null;
          });
        });
      })
      .catch(function () { online = false; })
      .then(function (more) {
        sending = false;
        showQueue();
        if (more === 'more') {
          return flush();
        }

        return null;
      });
  }

  function init() {
    var el = document.getElementById('sampler');
    if (!el || el === root) {
      return;
    }

    root = el;
    round = el.getAttribute('data-round');
    url = el.getAttribute('data-batch-url');
    try {
      tube = JSON.parse(localStorage.getItem('gg-tube-' + round) || 'null');
    } catch (e) {
      tube = null;
    }

    $('tube-form').addEventListener('submit', openTube);
    $('person-form').addEventListener('submit', scan);
    $('close-tube').addEventListener('click', closeTube);
    showTube();
    showQueue();
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/sampler-sw.js').catch(function () { /* the page works without it while online */ });
    }

    window.addEventListener('online', function () { retryAt = 0; flush(); });
    window.addEventListener('offline', function () { online = false; showQueue(); });
    if (timer) {
      clearInterval(timer);
    }

    timer = setInterval(flush, 5000);
    flush();
  }

  init();
  if (window.Blazor && window.Blazor.addEventListener) {
    window.Blazor.addEventListener('enhancedload', function () {
      if (!document.getElementById('sampler')) {
        root = null;
      }

      init();
    });
  }
})();
