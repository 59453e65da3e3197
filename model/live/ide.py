"""Drop-in settings for coding tools, for the chosen endpoint and model — never the key
(a placeholder stands where it goes).

Cursor, Cline and Roo Code take an OpenAI-compatible base URL and a model id; Cline also
takes an Anthropic base URL. Claude Code speaks the Anthropic format only and reads
``ANTHROPIC_BASE_URL`` plus ``ANTHROPIC_AUTH_TOKEN`` (sent as a Bearer token; for a gateway,
``ANTHROPIC_API_KEY`` must then be empty) or ``ANTHROPIC_API_KEY`` (direct Anthropic).
"""

from __future__ import annotations

from dataclasses import dataclass

from model.live.call import Endpoint

KEY_PLACEHOLDER = "<your key>"
ANTHROPIC_DIRECT = "https://api.anthropic.com"


@dataclass(frozen=True)
class Snippet:
    tool: str
    language: str  # for a code block: "text", "bash", "json"
    text: str


def snippets(endpoint: Endpoint) -> list[Snippet]:
    """Settings per tool that can use this endpoint (none for Gemini's native format)."""
    base, model = endpoint.base_url.rstrip("/"), endpoint.model
    out: list[Snippet] = []
    if endpoint.api == "openai":
        out.append(
            Snippet(
                "Cursor",
                "text",
                "Settings → Models → API Keys\n"
                f"  OpenAI API Key:            {KEY_PLACEHOLDER}\n"
                f"  Override OpenAI Base URL:  {base}\n"
                f"Settings → Models → Add model:  {model}",
            )
        )
        for tool in ("Cline", "Roo Code"):
            out.append(
                Snippet(
                    tool,
                    "text",
                    "API Provider:  OpenAI Compatible\n"
                    f"Base URL:      {base}\n"
                    f"API Key:       {KEY_PLACEHOLDER}\n"
                    f"Model ID:      {model}",
                )
            )
    if endpoint.api == "anthropic":
        custom = base != ANTHROPIC_DIRECT
        out.append(
            Snippet(
                "Cline",
                "text",
                "API Provider:  Anthropic\n"
                f"API Key:       {KEY_PLACEHOLDER}\n"
                + (f"Use custom base URL:  {base}\n" if custom else "")
                + f"Model:         {model}",
            )
        )
        if custom:
            env = (
                f'export ANTHROPIC_BASE_URL="{base}"\n'
                f'export ANTHROPIC_AUTH_TOKEN="{KEY_PLACEHOLDER}"\n'
                'export ANTHROPIC_API_KEY=""   # must be empty, or it is sent instead\n'
                f'export ANTHROPIC_MODEL="{model}"'
            )
        else:
            env = f'export ANTHROPIC_API_KEY="{KEY_PLACEHOLDER}"\nexport ANTHROPIC_MODEL="{model}"'
        out.append(Snippet("Claude Code", "bash", env))
    return out
