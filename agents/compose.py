"""Wording of the offline model: summaries, rationales and messages to the citizen."""

from __future__ import annotations

from typing import Any

from agents.classify import default_classifier
from agents.classify import information_topic as _topic
from agents.extract import extract_recipient
from agents.languages import reply_line
from guichet.catalogue import Procedure


def summary(text: str, limit: int = 400) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def information_topic(text: str) -> str | None:
    return _topic(text, default_classifier())


def third_party(proposed: list[dict[str, Any]], demand: str) -> list[dict[str, Any]]:
    """A certificate asked for someone else is a disclosure, which an officer must approve."""
    recipient = extract_recipient(demand)
    if not recipient:
        return proposed
    return [{"effect": "disclose_record", "args": {"source": "cpam", "recipient": recipient}}
            if e["effect"] == "issue_document" else e for e in proposed]


def rationale(p: Procedure, outcome: dict[str, Any]) -> str:
    parts = [f"Démarche {p.label}. Règle appliquée : {outcome.get('rule', '')}."]
    if outcome.get("inputs"):
        shown = ", ".join(f"{k} = {v}" for k, v in outcome["inputs"].items())
        parts.append(f"Données utilisées : {shown}.")
    if outcome.get("reasons"):
        parts.append("Motifs : " + " ".join(outcome["reasons"]))
    if outcome.get("result"):
        shown = ", ".join(f"{k} = {v}" for k, v in outcome["result"].items())
        parts.append(f"Résultat du calcul : {shown}.")
    return " ".join(parts)


def _line(name: str, result: Any) -> str | None:
    if not isinstance(result, dict):
        return None
    if result.get("decision") == "rejected":
        return f"Un agent a refusé la demande pour le motif suivant : {result.get('comment')}."
    nested = result.get("result")
    inner: dict[str, Any] = nested if isinstance(nested, dict) else result
    match name:
        case "issue_document":
            return f"Votre document ({inner.get('kind')}) est disponible, référence " \
                   f"{inner.get('document')}."
        case "update_contact":
            return f"Votre adresse a été mise à jour auprès de : {inner.get('source')}."
        case "register":
            extra = f", tranche tarifaire {inner['bracket']}" if inner.get("bracket") else ""
            return f"Inscription enregistrée ({inner.get('list')}), référence " \
                   f"{inner.get('reference')}{extra}."
        case "book_appointment":
            return f"Rendez-vous réservé le {str(inner.get('slot', '')).replace('T', ' à ')} " \
                   f"({inner.get('service_point')}), confirmation {inner.get('confirmation')}."
        case "create_ticket":
            return f"Signalement transmis au service municipal, numéro {inner.get('ticket')}."
        case "grant_benefit":
            return f"Après validation par un agent, la prestation vous est accordée : " \
                   f"{inner.get('monthly_amount')} € par mois à partir du " \
                   f"{inner.get('start_date')}."
        case "reject_demand":
            reasons = " ".join(inner.get("reasons") or [])
            return f"Après examen par un agent, votre demande est refusée. Motifs : {reasons}"
        case "adjust_tax":
            return f"Après validation par un agent, votre impôt {inner.get('year')} est ramené " \
                   f"à {inner.get('new_amount')} €."
        case "disclose_record":
            return "Après validation par un agent, votre attestation a été transmise au " \
                   "destinataire indiqué."
    return None


def _in_their_language(language: str) -> list[str]:
    """A line in the citizen's language above the French text, when they wrote in another."""
    line = reply_line(language)
    return [line, ""] if line else []


def outcome_message(p: Procedure, outcome: dict[str, Any],
                    after: list[tuple[str, Any, bool, dict[str, Any]]], *,
                    language: str = "fr") -> str:
    lines = [*_in_their_language(language), f"Bonjour, votre demande « {p.label} » a été traitée."]
    if (outcome.get("result") or {}).get("already_registered"):
        lines.append("Vous êtes déjà inscrit(e) sur la liste électorale de votre commune : "
                     "aucune démarche supplémentaire n'est nécessaire.")
    for name, result, ok, _ in after:
        if ok:
            line = _line(name, result)
            if line:
                lines.append(line)
    return "\n".join(lines)


def information_answer(facts: dict[str, Any], *, language: str = "fr") -> str:
    lines = [*_in_their_language(language),
             f"Bonjour, voici les informations sur la démarche « {facts['label']} ».",
             f"Service compétent : {facts['authority']}.",
             f"Délai annoncé : {facts['delay_days']} jours."]
    silence = facts.get("silence")
    if silence:
        meaning = "acceptation" if silence["means"] == "accord" else "rejet"
        lines.append(f"Sans réponse après {silence['after_days']} jours, la demande est réputée "
                     f"{'acceptée' if meaning == 'acceptation' else 'rejetée'}.")
    if facts.get("documents"):
        lines.append("Pièces utiles : " + ", ".join(facts["documents"]) + ".")
    lines.append(f"Base légale : {facts['legal_basis']}.")
    lines.append("Vous pouvez faire cette démarche ici même en nous écrivant votre demande.")
    return "\n".join(lines)
