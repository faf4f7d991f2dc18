'use strict';
// Generate page: starts a task, follows it over server-sent events (polling if they fail), then plays
// the result in a WaveSurfer waveform with a download link.
(() => {
  const MAX = 5000;
  const voice = document.getElementById('voice');
  const language = document.getElementById('language');
  const text = document.getElementById('text');
  const counter = document.getElementById('counter');
  const generate = document.getElementById('generate-button');
  const cancel = document.getElementById('cancel-button');
  const message = document.getElementById('message');
  const progress = document.getElementById('progress');
  const bar = document.getElementById('progress-bar');
  const fill = document.getElementById('progress-fill');
  const chunks = document.getElementById('progress-chunks');
  const percent = document.getElementById('progress-percent');
  const elapsedText = document.getElementById('progress-elapsed');
  const result = document.getElementById('result');
  const play = document.getElementById('play-button');
  const playTime = document.getElementById('play-time');
  const download = document.getElementById('download-link');
  let voices = [];
  let task = null;
  let source = null;
  let timer = null;
  let started = 0;
  let player = null;

  function updateCounter() {
    const n = text.value.length;
    counter.textContent = n + '/' + MAX;
    counter.classList.toggle('over', n > MAX);
  }
  text.addEventListener('input', updateCounter);
  updateCounter();

  async function loadVoices() {
    voices = (await Utter.api('/api/voices')).voices;
    voice.replaceChildren();
    if (voices.length === 0) {
      voice.appendChild(Utter.el('option', { value: '', text: 'No voices yet: clone one first' }));
      generate.disabled = true;
      return;
    }
    for (const v of voices) voice.appendChild(Utter.el('option', { value: v.id, text: v.name }));
    const wanted = new URLSearchParams(location.search).get('voice');
    if (wanted && voices.some(v => v.id === wanted)) voice.value = wanted;
  }

  function voiceLanguage() {
    const v = voices.find(x => x.id === voice.value);
    return v ? v.language : null;
  }
  voice.addEventListener('change', () => { if (voiceLanguage()) language.value = voiceLanguage(); });

  Promise.all([loadVoices(), Utter.loadLanguages(language)])
    .then(() => { if (voiceLanguage()) language.value = voiceLanguage(); })
    .catch(e => Utter.showMessage(message, e.message, 'error'));

  function showProgress(done, total) {
    const pct = total > 0 ? Math.round(100 * done / total) : 0;
    fill.style.width = pct + '%';
    bar.setAttribute('aria-valuenow', String(pct));
    percent.textContent = pct + '%';
    chunks.textContent = total > 0 ? 'chunk ' + done + '/' + total : 'Starting…';
  }

  function tick() {
    elapsedText.textContent = Utter.formatSeconds((Date.now() - started) / 1000);
  }

  function setRunning(running) {
    generate.disabled = running;
    generate.textContent = running ? 'Generating…' : 'Generate speech';
    cancel.hidden = !running;
    text.disabled = running;
  }

  function stopFollowing() {
    if (source) { source.close(); source = null; }
    if (timer) { clearInterval(timer); timer = null; }
  }

  function finish(data, status) {
    stopFollowing();
    setRunning(false);
    tick();
    task = null;
    if (status === 'completed') {
      showProgress(1, 1);
      chunks.textContent = 'chunk ' + (data.chunks_total || data.progress.chunks_total) + '/' + (data.chunks_total || data.progress.chunks_total);
      showResult(data.result);
    } else if (status === 'cancelled') {
      Utter.showMessage(message, 'Generation cancelled.', 'error');
    } else {
      Utter.showMessage(message, data.error || 'Generation failed', 'error');
    }
  }

  function onState(data) {
    const p = data.progress || data;
    showProgress(p.chunks_done, p.chunks_total);
    if (data.queue_position) chunks.textContent = 'Waiting in line: ' + data.queue_position + (data.queue_position === 1 ? ' (next)' : '');
    if (['completed', 'failed', 'cancelled'].includes(data.status)) finish(data, data.status);
  }

  function poll(id) {
    if (source) { source.close(); source = null; }
    const step = async () => {
      if (!task || task !== id) return;
      try {
        onState(await Utter.api('/api/tasks/' + encodeURIComponent(id)));
      } catch (e) {
        finish({ error: e.message }, 'failed');
        return;
      }
      if (task === id) setTimeout(step, 500);
    };
    step();
  }

  function follow(id) {
    if (!window.EventSource || localStorage.getItem('utterApiKey')) { poll(id); return; }
    source = new EventSource('/api/tasks/' + encodeURIComponent(id) + '/events');
    const handler = e => onState(JSON.parse(e.data));
    for (const name of ['progress', 'completed', 'failed', 'cancelled']) source.addEventListener(name, handler);
    source.onerror = () => { if (task === id) poll(id); };
  }

  generate.addEventListener('click', async () => {
    Utter.clearMessage(message);
    const body = text.value.trim();
    if (body.length < 1 || body.length > MAX) {
      Utter.showMessage(message, 'Text must be 1-5000 characters', 'error');
      return;
    }
    if (!voice.value) {
      Utter.showMessage(message, 'Voice not found', 'error');
      return;
    }
    result.hidden = true;
    if (player) { player.destroy(); player = null; }
    setRunning(true);
    progress.hidden = false;
    showProgress(0, 0);
    started = Date.now();
    tick();
    timer = setInterval(tick, 250);
    try {
      const created = await Utter.api('/api/tasks', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ voice_id: voice.value, text: body, language: language.value })
      });
      task = created.task_id;
      onState(created);
      follow(task);
    } catch (e) {
      stopFollowing();
      setRunning(false);
      progress.hidden = true;
      Utter.showMessage(message, e.message, 'error');
    }
  });

  cancel.addEventListener('click', async () => {
    if (!task) return;
    try {
      onState(await Utter.api('/api/tasks/' + encodeURIComponent(task) + '/cancel', { method: 'POST' }));
    } catch (e) {
      Utter.showMessage(message, e.message, 'error');
    }
  });

  function showResult(res) {
    // With an API key the result carries a signed URL: a player or a link cannot send the key.
    const url = res.signed_audio_url || res.audio_url;
    result.hidden = false;
    download.href = url;
    download.setAttribute('download', res.generation_id + '.wav');
    player = WaveSurfer.create({
      container: '#waveform',
      height: 64,
      waveColor: '#c4c4cc',
      progressColor: '#18181b',
      cursorColor: '#18181b',
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      normalize: true,
      url: url
    });
    window.utterPlayer = player;
    const time = () => {
      playTime.textContent = Utter.formatSeconds(player.getCurrentTime()) + ' / ' + Utter.formatSeconds(player.getDuration());
    };
    player.on('ready', time);
    player.on('timeupdate', time);
    player.on('play', () => { play.textContent = 'Pause'; });
    player.on('pause', () => { play.textContent = 'Play'; });
    player.on('finish', () => { play.textContent = 'Play'; });
  }

  play.addEventListener('click', () => { if (player) player.playPause(); });
})();
