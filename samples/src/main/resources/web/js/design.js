'use strict';
// Design page: description + preview text + language -> preview (waveform) -> name -> save. The saved
// voice is exactly the previewed WAV; changing the description, text or language drops the preview.
(() => {
  const MAX = 500;
  const MIN_TEXT = 10;
  const instruct = document.getElementById('instruct');
  const text = document.getElementById('text');
  const language = document.getElementById('language');
  const previewButton = document.getElementById('preview-button');
  const message = document.getElementById('message');
  const result = document.getElementById('result');
  const play = document.getElementById('play-button');
  const playTime = document.getElementById('play-time');
  const nameInput = document.getElementById('name');
  const saveButton = document.getElementById('save-button');
  const useVoice = document.getElementById('use-voice');
  let preview = null; // { blob, text, instruct, language } of the preview on show
  let player = null;

  Utter.loadLanguages(language, 'English').then(data => {
    if (data.voice_design === false) {
      previewButton.disabled = true;
      Utter.showMessage(message, 'Voice design is not available with the ' + data.provider + ' provider', 'error');
    }
  }).catch(e => Utter.showMessage(message, e.message, 'error'));

  function counter(field, id) {
    const target = document.getElementById(id);
    const update = () => {
      const length = [...field.value].length;
      target.textContent = length + '/' + MAX;
      target.classList.toggle('over', length > MAX);
    };
    field.addEventListener('input', update);
    update();
  }
  counter(instruct, 'instruct-counter');
  counter(text, 'text-counter');

  function dropPreview() {
    if (player) player.destroy();
    player = null;
    window.utterDesignPlayer = null;
    preview = null;
    result.hidden = true;
    useVoice.hidden = true;
  }
  for (const field of [instruct, text, language]) field.addEventListener('input', dropPreview);
  language.addEventListener('change', dropPreview);

  function check() {
    const t = [...text.value.trim()].length;
    const d = [...instruct.value.trim()].length;
    if (t === 0) return 'Preview text is required';
    if (t > MAX) return 'Preview text must be 500 characters or less';
    if (t < MIN_TEXT) return "Preview text must be at least 10 characters: it becomes the designed voice's transcript";
    if (d === 0) return 'Voice description is required';
    if (d > MAX) return 'Voice description must be 500 characters or less';
    return null;
  }

  previewButton.addEventListener('click', async () => {
    Utter.clearMessage(message);
    dropPreview();
    const problem = check();
    if (problem) {
      Utter.showMessage(message, problem, 'error');
      return;
    }
    const request = { text: text.value.trim(), language: language.value, instruct: instruct.value.trim() };
    previewButton.disabled = true;
    previewButton.textContent = 'Designing…';
    try {
      const blob = await Utter.api('/api/voices/design/preview', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        responseType: 'blob'
      });
      preview = Object.assign({ blob }, request);
      show(blob);
    } catch (e) {
      Utter.showMessage(message, e.message, 'error');
    } finally {
      previewButton.disabled = false;
      previewButton.textContent = 'Generate preview';
    }
  });

  // WaveSurfer decodes the blob itself (loadBlob): fetching a blob: URL would break the page's
  // content security policy (connect-src 'self').
  function show(blob) {
    result.hidden = false;
    player = WaveSurfer.create({
      container: '#waveform',
      height: 64,
      waveColor: '#c4c4cc',
      progressColor: '#18181b',
      cursorColor: '#18181b',
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      normalize: true
    });
    player.loadBlob(blob);
    window.utterDesignPlayer = player;
    const time = () => {
      playTime.textContent = Utter.formatSeconds(player.getCurrentTime()) + ' / ' + Utter.formatSeconds(player.getDuration());
    };
    player.on('ready', time);
    player.on('timeupdate', time);
    player.on('play', () => { play.textContent = 'Pause'; });
    player.on('pause', () => { play.textContent = 'Play'; });
    player.on('finish', () => { play.textContent = 'Play'; });
    nameInput.focus();
  }

  play.addEventListener('click', () => { if (player) player.playPause(); });

  saveButton.addEventListener('click', async () => {
    Utter.clearMessage(message);
    const name = nameInput.value.trim();
    if (!preview) return;
    if (name.length < 1 || name.length > 100) {
      Utter.showMessage(message, 'Name must be 1-100 characters', 'error');
      return;
    }
    const data = new FormData();
    data.append('name', name);
    data.append('text', preview.text);
    data.append('language', preview.language);
    data.append('instruct', preview.instruct);
    data.append('audio', preview.blob, 'designed_voice.wav');
    saveButton.disabled = true;
    saveButton.textContent = 'Saving…';
    try {
      const voice = await Utter.api('/api/voices/design', { method: 'POST', body: data });
      Utter.showMessage(message, 'Voice “' + voice.name + '” is saved.', 'success');
      useVoice.href = '/generate.html?voice=' + encodeURIComponent(voice.id);
      useVoice.hidden = false;
      nameInput.value = '';
    } catch (e) {
      Utter.showMessage(message, e.message, 'error');
    } finally {
      saveButton.disabled = false;
      saveButton.textContent = 'Save voice';
    }
  });
})();
