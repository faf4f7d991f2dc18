'use strict';
// Clone page: drag-and-drop or browse, the server's checks mirrored before upload, server detail shown.
(() => {
  const form = document.getElementById('clone-form');
  const nameInput = document.getElementById('name');
  const dropzone = document.getElementById('dropzone');
  const fileInput = document.getElementById('audio');
  const fileName = document.getElementById('file-name');
  const transcript = document.getElementById('transcript');
  const transcriptHint = document.getElementById('transcript-hint');
  const language = document.getElementById('language');
  const button = document.getElementById('clone-button');
  const useVoice = document.getElementById('use-voice');
  const message = document.getElementById('message');
  let file = null;
  let requiresTranscript = true;

  Utter.loadLanguages(language).then(data => {
    requiresTranscript = data.requires_transcript !== false;
    transcriptHint.textContent = requiresTranscript
      ? 'Required by ' + data.provider + ': at least 10 characters.'
      : 'Optional with ' + data.provider + '; at least 10 characters when given.';
  }).catch(e => Utter.showMessage(message, e.message, 'error'));

  function choose(selected) {
    file = selected || null;
    fileName.textContent = file ? file.name + ' · ' + (file.size / 1024 / 1024).toFixed(1) + ' MB' : '';
  }

  dropzone.addEventListener('click', () => fileInput.click());
  dropzone.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileInput.click(); } });
  fileInput.addEventListener('change', () => choose(fileInput.files[0]));
  for (const type of ['dragenter', 'dragover']) {
    dropzone.addEventListener(type, e => { e.preventDefault(); dropzone.classList.add('dragover'); });
  }
  for (const type of ['dragleave', 'drop']) {
    dropzone.addEventListener(type, e => { e.preventDefault(); dropzone.classList.remove('dragover'); });
  }
  dropzone.addEventListener('drop', e => choose(e.dataTransfer.files[0]));

  // The playing time as the browser reads it, or null when it cannot tell (the server decides then).
  function duration(selected) {
    return new Promise(resolve => {
      const audio = new Audio();
      const url = URL.createObjectURL(selected);
      const done = value => { URL.revokeObjectURL(url); resolve(value); };
      audio.preload = 'metadata';
      audio.addEventListener('loadedmetadata', () => done(isFinite(audio.duration) ? audio.duration : null));
      audio.addEventListener('error', () => done(null));
      setTimeout(() => done(null), 3000);
      audio.src = url;
    });
  }

  async function check() {
    const name = nameInput.value.trim();
    if (name.length < 1 || name.length > 100) return 'Name must be 1-100 characters';
    const text = transcript.value.trim();
    if ((requiresTranscript || text.length > 0) && text.length < 10) return 'Transcript must be at least 10 characters';
    if (!file) return 'No file provided';
    const lower = file.name.toLowerCase();
    if (!Utter.ALLOWED.some(ext => lower.endsWith(ext))) return 'Invalid file type. Allowed: ' + Utter.ALLOWED.join(', ');
    if (file.size > Utter.MAX_FILE_MB * 1024 * 1024) return 'File too large. Max: ' + Utter.MAX_FILE_MB + 'MB';
    const seconds = await duration(file);
    if (seconds !== null && seconds < 10) return 'Audio too short. Min: 10s';
    if (seconds !== null && seconds > 300) return 'Audio too long. Max: 300s';
    return null;
  }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    Utter.clearMessage(message);
    useVoice.hidden = true;
    const problem = await check();
    if (problem) {
      Utter.showMessage(message, problem, 'error');
      return;
    }
    const data = new FormData();
    data.append('name', nameInput.value.trim());
    data.append('audio', file, file.name);
    data.append('transcript', transcript.value.trim());
    data.append('language', language.value);
    button.disabled = true;
    button.textContent = 'Cloning…';
    try {
      const voice = await Utter.api('/api/clone', { method: 'POST', body: data });
      Utter.showMessage(message, 'Voice “' + voice.name + '” is ready.', 'success');
      useVoice.href = '/generate.html?voice=' + encodeURIComponent(voice.id);
      useVoice.hidden = false;
      form.reset();
      choose(null);
      Utter.loadLanguages(language);
    } catch (err) {
      Utter.showMessage(message, err.message, 'error');
    } finally {
      button.disabled = false;
      button.textContent = 'Clone voice';
    }
  });
})();
