// Shared helpers for the utter pages. User data is only ever inserted with textContent.
'use strict';

const Utter = (() => {
  const MAX_FILE_MB = 50;
  const ALLOWED = ['.wav', '.mp3', '.m4a'];

  function apiKey() {
    return localStorage.getItem('utterApiKey');
  }

  async function api(path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    const key = apiKey();
    if (key) headers['X-API-Key'] = key;
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (response.status === 401) {
      const entered = window.prompt('This server needs an API key:');
      if (entered) {
        localStorage.setItem('utterApiKey', entered);
        return api(path, options);
      }
    }
    if (response.ok && options.responseType === 'blob') return response.blob();
    let body = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('application/json')) body = await response.json();
    if (!response.ok) {
      const detail = body && typeof body.detail === 'string' ? body.detail : 'Request failed (' + response.status + ')';
      throw new Error(detail);
    }
    return body;
  }

  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) node.appendChild(child);
    return node;
  }

  function showMessage(target, text, kind) {
    target.className = 'message ' + kind;
    target.textContent = text;
  }

  function clearMessage(target) {
    target.className = 'message';
    target.textContent = '';
  }

  function formatSeconds(seconds) {
    const s = Math.max(0, Math.round(seconds || 0));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  function formatDate(iso) {
    const date = new Date(iso);
    return isNaN(date) ? '' : date.toLocaleString();
  }

  async function loadLanguages(select, selected) {
    const data = await api('/api/languages');
    select.replaceChildren();
    for (const name of data.languages) {
      select.appendChild(el('option', { value: name, text: name }));
    }
    select.value = selected && data.languages.includes(selected) ? selected : data.default;
    return data;
  }

  // Marks the current page's link in the shared navigation.
  document.addEventListener('DOMContentLoaded', () => {
    const page = document.body.dataset.page;
    for (const link of document.querySelectorAll('.sidebar a.nav')) {
      if (link.dataset.page === page) link.classList.add('active');
    }
  });

  return { api, el, showMessage, clearMessage, formatSeconds, formatDate, loadLanguages, MAX_FILE_MB, ALLOWED };
})();
