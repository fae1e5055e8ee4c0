"""Who a signed-in person is: from a provider's claim to a citizen id, and the dev list.

An OpenID Connect provider (FranceConnect) says who signed in through claims of its ID token;
guichet knows citizens by their id. The claim named by `GUICHET_OIDC_CITIZEN_CLAIM` is
mapped: "email" is looked up among the contact records' addresses (unique in the seeded
population, case-insensitive); a claim holding a citizen id itself is checked to exist.
"""

from __future__ import annotations

import re
from typing import Any

from guichet.db import connection
from guichet.deps import Deps

CITIZEN_ID = re.compile(r"C[0-9]{6,9}")


async def citizen_for_claim(services: Deps, claim: str, value: object) -> str | None:
    """The citizen id the claim's value names, or None when no citizen (or several) match."""
    if not isinstance(value, str) or not value or len(value) > 320:
        return None
    async with connection(services.pool) as conn:
        if claim == "email":
            cur = await conn.execute(
                "select citizen_id from records where source = 'contact'"
                " and lower(data ->> 'email') = lower(%s) limit 2", (value,))
        else:
            if not CITIZEN_ID.fullmatch(value):
                return None
            cur = await conn.execute("select id as citizen_id from citizens where id = %s",
                                     (value,))
        rows = await cur.fetchall()
    # Two citizens behind one address is no identity: nobody is signed in.
    return str(rows[0]["citizen_id"]) if len(rows) == 1 else None


async def citizen_exists(services: Deps, citizen_id: str) -> bool:
    return await citizen_for_claim(services, "citizen", citizen_id) is not None


async def dev_citizens(services: Deps, limit: int = 8) -> list[dict[str, Any]]:
    """A few living adults of the seeded population, for the dev sign-in page."""
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select c.id, e.data ->> 'family_name' as family_name,"
            " e.data -> 'given_names' ->> 0 as given_name, e.data ->> 'birth_date' as birth"
            " from citizens c join records e on e.citizen_id = c.id and e.source = 'etat_civil'"
            " join records k on k.citizen_id = c.id and k.source = 'contact'"
            " where e.data ->> 'death_date' is null"
            " and (e.data ->> 'birth_date')::date < now() - interval '18 years'"
            " order by c.id limit %s", (limit,))
        return [dict(r) for r in await cur.fetchall()]


async def display_name(services: Deps, citizen_id: str) -> str:
    """The name shown in the citizen's own space (never logged)."""
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select data -> 'given_names' ->> 0 as given, data ->> 'family_name' as family"
            " from records where citizen_id = %s and source = 'etat_civil'", (citizen_id,))
        row = await cur.fetchone()
    return f"{row['given']} {row['family']}" if row else citizen_id
