'use strict';
// Voices page: list, preview the reference recording, delete with confirmation.
(() => {
  const list = document.getElementById('voices');
  const message = document.getElementById('message');
  const preview = new Audio();
  let playing = null;

  preview.addEventListener('ended', () => { if (playing) playing.textContent = 'Preview'; playing = null; });

  function togglePreview(v, button) {
    if (playing === button) {
      preview.pause();
      button.textContent = 'Preview';
      playing = null;
      return;
    }
    if (playing) playing.textContent = 'Preview';
    // With an API key the list carries a signed URL: an <audio> element cannot send the key.
    preview.src = v.signed_preview_url || v.preview_url;
    playing = button;
    // The button says Stop once the recording really plays.
    preview.play().then(() => { if (playing === button) button.textContent = 'Stop'; }).catch(e => {
      if (playing === button) playing = null;
      Utter.showMessage(message, 'Cannot play: ' + e.message, 'error');
    });
  }

  async function remove(v) {
    if (!window.confirm('Delete the voice "' + v.name + '" and all speech generated with it?')) return;
    try {
      await Utter.api('/api/voices/' + encodeURIComponent(v.id), { method: 'DELETE' });
      Utter.showMessage(message, 'Deleted "' + v.name + '".', 'success');
      load();
    } catch (e) {
      Utter.showMessage(message, e.message, 'error');
    }
  }

  function row(v) {
    const designed = v.source === 'designed';
    const meta = [v.language];
    if (v.duration_seconds) meta.push(Utter.formatSeconds(v.duration_seconds) + ' reference');
    meta.push('created ' + Utter.formatDate(v.created_at));
    const previewButton = Utter.el('button', { className: 'btn secondary small', type: 'button', text: 'Preview' });
    previewButton.addEventListener('click', () => togglePreview(v, previewButton));
    return Utter.el('div', { className: 'item voice', 'data-id': v.id }, [
      Utter.el('div', { className: designed ? 'avatar designed' : 'avatar' }),
      Utter.el('div', { className: 'body' }, [
        Utter.el('div', { className: 'title' }, [
          Utter.el('span', { className: 'voice-name', text: v.name }),
          designed ? Utter.el('span', { className: 'pill designed-badge', text: 'Designed' }) : Utter.el('span')
        ]),
        designed && v.description ? Utter.el('div', { className: 'description', text: v.description }) : Utter.el('span'),
        v.transcript ? Utter.el('div', { className: 'text', text: '“' + v.transcript + '”' }) : Utter.el('span'),
        Utter.el('div', { className: 'meta', text: meta.join(' · ') })
      ]),
      Utter.el('div', { className: 'actions' }, [
        previewButton,
        Utter.el('a', { className: 'btn secondary small', href: '/generate.html?voice=' + encodeURIComponent(v.id), text: 'Use' }),
        Utter.el('button', { className: 'btn danger small delete', type: 'button', text: 'Delete', onclick: () => remove(v) })
      ])
    ]);
  }

  async function load() {
    try {
      const voices = (await Utter.api('/api/voices')).voices;
      list.replaceChildren();
      if (voices.length === 0) {
        list.appendChild(Utter.el('div', { className: 'empty' }, [
          Utter.el('span', { text: 'No voices yet. ' }),
          Utter.el('a', { href: '/', text: 'Clone your first voice' })
        ]));
        return;
      }
      for (const v of voices) list.appendChild(row(v));
    } catch (e) {
      Utter.showMessage(message, e.message, 'error');
    }
  }

  load();
})();
