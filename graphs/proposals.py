"""The citizen's answer to a proposal of the administration (guichet/outreach.py).

A proactive case starts with no demand: its first message is the citizen's answer. The model
reads it (accept, decline, or one question when it cannot tell); a yes makes the proposed
démarche the citizen's demand and the procedure runs as any other, from the form prefilled
at the proposal, with the officer's approval where the catalogue asks for it; a no closes
the case without decision. Called from intake, in its step: no checkpoint of its own.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from agents.prompts import proposal_prompt
from graphs import closing
from graphs.state import CaseState, RunContext
from graphs.support import call_model, enqueue_notice, set_status
from tools.registry import PROPOSAL_SPECS, as_langchain

DECLINED = ("Bonjour,\n\nNous avons bien noté que vous ne souhaitez pas donner suite à notre "
            "proposition. Votre dossier est classé sans suite ; vous pouvez faire la demande "
            "vous-même à tout moment.")
NO_MORE = " Vous ne recevrez plus de propositions de notre part."
QUESTION = ("Souhaitez-vous que nous déposions cette demande pour vous ? Répondez simplement "
            "oui ou non.")


def make_reader(model: BaseChatModel) -> Any:
    bound = model.bind_tools([as_langchain(s) for s in PROPOSAL_SPECS.values()],
                             tool_choice="any")

    async def read(ctx: RunContext, case_id: str, label_of: Any, said: str) -> dict[str, Any]:
        sent = [SystemMessage(proposal_prompt(label_of)), HumanMessage(said)]
        reply = await call_model(ctx, case_id, node="proposal", model=bound, sent=sent)
        call = reply.tool_calls[0] if reply.tool_calls else None
        if call is None or call["name"] not in PROPOSAL_SPECS:
            return {"choice": "ask", "question": QUESTION, "id": "proposal"}
        if call["name"] == "accept_proposal":
            return {"choice": "accept"}
        if call["name"] == "decline_proposal":
            return {"choice": "decline", "opt_out": bool(call["args"].get("opt_out"))}
        question = str(call["args"].get("question") or "").strip()
        return {"choice": "ask", "question": question if len(question) >= 5 else QUESTION,
                "id": call["id"] or "proposal"}

    return read


async def answer(read: Any, state: CaseState, ctx: RunContext, update: dict[str, Any],
                 proposal: dict[str, Any]) -> dict[str, Any]:
    """The step's update for a proposal case, from the citizen's (latest) answer."""
    case_id = state["case_id"]
    p = ctx.catalogue.procedure(proposal["procedure"])
    clarified: list[str] = state.get("clarified") or []
    said = clarified[-1] if clarified else update["demand"]
    got = await read(ctx, case_id, p, said)
    if got["choice"] == "ask":
        if clarified:  # asked once already: a person reads it
            return {**update, **await closing.handoff_case(
                {**state, **update}, ctx,  # type: ignore[typeddict-item]
                {"team": "accueil", "summary": f"Réponse à la proposition « {p.label} » "
                                               f"à lire : {said[:300]}"}), "done": True}
        await ctx.world.ask(case_id, key=f"{case_id}/ask/proposal", text=got["question"])
        await set_status(ctx, case_id, status="proposition", holder="citizen",
                         reason="réponse à la proposition attendue")
        return {**update, "question": {"question": got["question"], "tool_call_id": got["id"],
                                       "triage": True}}
    if got["choice"] == "decline":
        await ctx.world.answer_proposal(case_id, status="declined", opt_out=got["opt_out"])
        await enqueue_notice(ctx, case_id=case_id, key=f"{case_id}/proposal/declined",
                             kind="decision", subject=f"Votre dossier : {p.label}",
                             body=DECLINED + (NO_MORE if got["opt_out"] else ""))
        await set_status(ctx, case_id, status="sans_suite", holder="agent",
                         reason="proposition déclinée par l'usager")
        return {**update, "procedures": [p.id],
                "outcomes": [{"procedure": p.id, "result": "sans_suite"}], "done": True}
    await ctx.world.answer_proposal(case_id, status="accepted", opt_out=False)
    demand = (f"J'accepte la proposition de l'administration : {p.label}.\n"
              f"Ma réponse : {said}")
    await closing.acknowledge(ctx, case_id, [p.id])
    started: CaseState = {**state, **update, "demand": demand,  # type: ignore[typeddict-item]
                          "procedures": [p.id], "current": 0}
    return {**update, "demand": demand, "procedures": [p.id],
            **await closing.start_procedure(started, ctx)}
