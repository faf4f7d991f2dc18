'use strict';
// History page: every generation, newest first, with play, download and delete.
(() => {
  const list = document.getElementById('generations');
  const message = document.getElementById('message');
  const audio = new Audio();
  let playing = null;

  audio.addEventListener('ended', () => { if (playing) playing.textContent = 'Play'; playing = null; });

  // With an API key the list carries a signed URL: an <audio> element or a link cannot send the key.
  function audioUrl(g) {
    return g.signed_audio_url || g.audio_url;
  }

  function toggle(g, button) {
    if (playing === button) {
      audio.pause();
      button.textContent = 'Play';
      playing = null;
      return;
    }
    if (playing) playing.textContent = 'Play';
    audio.src = audioUrl(g);
    playing = button;
    // The button says Pause once the audio really plays.
    audio.play().then(() => { if (playing === button) button.textContent = 'Pause'; }).catch(e => {
      if (playing === button) playing = null;
      Utter.showMessage(message, 'Cannot play: ' + e.message, 'error');
    });
  }

  async function remove(g) {
    if (!window.confirm('Delete this generation?')) return;
    try {
      await Utter.api('/api/generations/' + encodeURIComponent(g.id), { method: 'DELETE' });
      Utter.showMessage(message, 'Generation deleted.', 'success');
      load();
    } catch (e) {
      Utter.showMessage(message, e.message, 'error');
    }
  }

  function row(g) {
    const playButton = Utter.el('button', { className: 'btn secondary small play', type: 'button', text: 'Play' });
    playButton.addEventListener('click', () => toggle(g, playButton));
    return Utter.el('div', { className: 'item generation', 'data-id': g.id }, [
      Utter.el('div', { className: 'body' }, [
        Utter.el('div', { className: 'title' }, [
          Utter.el('span', { text: g.voice_name || 'Deleted voice' }),
          Utter.el('span', { className: 'pill', text: g.language })
        ]),
        Utter.el('div', { className: 'text', text: g.text }),
        Utter.el('div', { className: 'meta', text: Utter.formatSeconds(g.duration_seconds) + ' · ' + Utter.formatDate(g.created_at) })
      ]),
      Utter.el('div', { className: 'actions' }, [
        playButton,
        Utter.el('a', { className: 'btn secondary small download', href: audioUrl(g), download: g.id + '.wav', text: 'Download' }),
        Utter.el('button', { className: 'btn danger small delete', type: 'button', text: 'Delete', onclick: () => remove(g) })
      ])
    ]);
  }

  async function load() {
    try {
      const data = await Utter.api('/api/generations?limit=50&offset=0');
      list.replaceChildren();
      if (data.generations.length === 0) {
        list.appendChild(Utter.el('div', { className: 'empty' }, [
          Utter.el('span', { text: 'Nothing generated yet. ' }),
          Utter.el('a', { href: '/generate.html', text: 'Turn some text into speech' })
        ]));
        return;
      }
      for (const g of data.generations) list.appendChild(row(g));
    } catch (e) {
      Utter.showMessage(message, e.message, 'error');
    }
  }

  load();
})();
