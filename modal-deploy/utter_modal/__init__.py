"""utter_modal: HTTP services (Qwen3-TTS, Echo-TTS) behind the utter-java wire contract.

Importable without ``modal``, ``torch`` or a GPU: the real engines import their
model libraries lazily when loaded.
"""

__version__ = "0.1.0"
API_VERSION = "1"

__all__ = ["__version__", "API_VERSION"]
