// Scanning with the phone's camera, for pages with inputs that take a code (the sampler's person code and tube barcode).
// A button <button data-camera-for="input-id" hidden> is shown where the browser can open a camera; a click opens the
// back camera in a dialog, reads each frame — the browser's own BarcodeDetector where there is one (QR and 1-D tube
// barcodes), otherwise jsQR (js/lib/jsQR.js, Apache-2.0, loaded on first use; QR only) — and on the first code puts it
// into the input and submits its form, exactly as a hardware scanner that types and presses Enter would.
// A hardware scanner and typing keep working; nothing here is needed for them.
(function () {
  'use strict';

  var FORMATS = ['qr_code', 'code_128', 'code_39', 'ean_13', 'itf', 'codabar'];
  var dialog = null;
  var video = null;
  var stream = null;
  var timer = null;
  var target = null;
  var canvas = null;
  var jsQrLoading = null;

  function supported() {
    return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  }

  function loadJsQr() {
    if (window.jsQR) {
      return Promise.resolve(window.jsQR);
    }

    if (!jsQrLoading) {
      jsQrLoading = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = '/js/lib/jsQR.js';
        s.onload = function () { resolve(window.jsQR); };
        s.onerror = function () { jsQrLoading = null; reject(new Error('jsQR')); };
        document.head.appendChild(s);
      });
    }

    return jsQrLoading;
  }

  // A function frame → Promise<string|null>, from the browser's detector or jsQR.
  function makeReader() {
    if ('BarcodeDetector' in window) {
      return window.BarcodeDetector.getSupportedFormats().then(function (have) {
        var formats = FORMATS.filter(function (f) { return have.indexOf(f) >= 0; });
        if (formats.length === 0) {
          return jsQrReader();
        }

        var detector = new window.BarcodeDetector({ formats: formats });
        return function () {
          return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
        };
      });
    }

    return jsQrReader();
  }

  function jsQrReader() {
    return loadJsQr().then(function (decode) {
      canvas = canvas || document.createElement('canvas');
      return function () {
        var w = video.videoWidth;
        var h = video.videoHeight;
        if (!w || !h) {
          return Promise.resolve(null);
        }

        var scale = Math.min(1, 640 / Math.max(w, h));
        canvas.width = Math.round(w * scale);
        canvas.height = Math.round(h * scale);
        var ctx = canvas.getContext('2d', { willReadFrequently: true });
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        var image = ctx.getImageData(0, 0, canvas.width, canvas.height);
        var code = decode(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        return Promise.resolve(code && code.data ? code.data : null);
      };
    });
  }

  function ensureDialog() {
    if (dialog && document.body.contains(dialog)) {
      return;
    }

    dialog = document.createElement('dialog');
    dialog.className = 'camera';
    dialog.setAttribute('data-testid', 'camera');
    dialog.innerHTML = '<p class="camera-hint">将个人码或条码放在取景框内</p>'
      + '<video playsinline muted></video>'
      + '<p class="error camera-error" role="alert" hidden data-testid="camera-error"></p>'
      + '<div class="actions"><button type="button" class="camera-cancel" data-testid="camera-cancel">取消</button></div>';
    document.body.appendChild(dialog);
    video = dialog.querySelector('video');
    dialog.querySelector('.camera-cancel').addEventListener('click', stop);
    dialog.addEventListener('cancel', stop);
  }

  function fail(text) {
    var box = dialog.querySelector('.camera-error');
    box.textContent = text;
    box.hidden = false;
  }

  function stop() {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }

    if (stream) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
    }

    if (dialog && dialog.hasAttribute('open')) {
      if (dialog.close) {
        dialog.close();
      } else {
        dialog.removeAttribute('open');
      }
    }
  }

  function found(text) {
    var input = target;
    stop();
    if (!input) {
      return;
    }

    input.value = text.trim();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    if (input.form && input.form.requestSubmit) {
      input.form.requestSubmit();
    }
  }

  function start(input) {
    target = input;
    ensureDialog();
    dialog.querySelector('.camera-error').hidden = true;
    // Old embedded browsers (some in-app ones) have no <dialog> methods: the open attribute shows it all the same.
    if (dialog.showModal) {
      dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }

    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        return video.play();
      })
      .then(makeReader)
      .then(function (read) {
        function tick() {
          if (!stream) {
            return;
          }

          read().then(function (text) {
            if (text) {
              found(text);
            } else {
              timer = setTimeout(tick, 150);
            }
          }, function () { timer = setTimeout(tick, 300); });
        }

        tick();
      })
      .catch(function (e) {
        fail(e && e.name === 'NotAllowedError'
          ? '无法使用摄像头：请在浏览器设置中允许本网站使用摄像头，或改用扫码枪、手动输入。'
          : e && e.message === 'jsQR'
            ? '扫码识别程序未能加载（网络中断且本机尚未保存），请改用扫码枪或手动输入。'
            : '无法打开摄像头，请改用扫码枪或手动输入。');
      });
  }

  function init() {
    var buttons = document.querySelectorAll('button[data-camera-for]');
    Array.prototype.forEach.call(buttons, function (b) {
      if (b.getAttribute('data-camera-ready')) {
        return;
      }

      b.setAttribute('data-camera-ready', '1');
      b.hidden = !supported();
      b.addEventListener('click', function () {
        var input = document.getElementById(b.getAttribute('data-camera-for'));
        if (input) {
          start(input);
        }
      });
    });
  }

  init();
  if (window.Blazor && window.Blazor.addEventListener) {
    window.Blazor.addEventListener('enhancedload', init);
  }
})();
