"""A simulated citizen for online mode: an LLM answering the agent from the case's persona."""

from __future__ import annotations

from langchain_core.messages import HumanMessage, SystemMessage

from evals.dataset import EvalCase
from evals.runner import Answerer
from guichet.settings import Settings

_SYSTEM = (
    "Tu joues un usager d'un service public français qui répond aux questions de "
    "l'administration. Réponds en une ou deux phrases, en français, uniquement avec ce que ton "
    "personnage sait. Si la question porte sur quelque chose que ton personnage ignore, dis-le. "
    "Ne pose pas de question en retour.\n\nTon personnage : {persona}\n\nTa demande initiale : "
    "{demand}")


def make_answerer(settings: Settings) -> Answerer:
    """Answers from `case.persona` (or, without one, from the case's own messages)."""
    from langchain_openai import ChatOpenAI

    if not (settings.openai_base_url and settings.openai_model):
        raise ValueError("a simulated citizen needs OPENAI_BASE_URL and OPENAI_MODEL")
    llm = ChatOpenAI(base_url=settings.openai_base_url, model=settings.openai_model,
                     api_key=settings.openai_api_key, temperature=settings.openai_temperature,
                     timeout=settings.openai_timeout_s)

    async def answer(case: EvalCase, questions: list[str]) -> str | None:
        if not questions:
            return None
        persona = case.persona or "Tu sais ceci : " + " ".join(case.messages[1:])
        reply = await llm.ainvoke([
            SystemMessage(_SYSTEM.format(persona=persona, demand=case.messages[0])),
            HumanMessage(questions[-1])])
        text = reply.content if isinstance(reply.content, str) else ""
        return text.strip() or None

    return answer
