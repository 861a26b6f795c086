"""Who can be a side of a deal: the supply chain's direction, crowds of firms, unnamed lenders."""
from __future__ import annotations

import re

from .context import Context
from .records import Mention


def sells(a: Mention, b: Mention, trigger: Mention, ctx: Context) -> bool:
    """Does `a` sell to `b`? The supply chain says (entities.csv tiers); but in a deal for services or capacity
    (roles.yaml service_deal: 'a cloud services agreement') a hardware maker buys: 'CoreWeave and NVIDIA signed
    an order form under the master services agreement' (NVIDIA buys CoreWeave's capacity)."""
    entities = ctx.rules.entities
    makers = entities.makes_goods(a.value), entities.makes_goods(b.value)
    if makers[0] != makers[1] and ctx.words.service_deal and re.match(ctx.words.service_deal, trigger.text):
        return makers[1]
    tiers = entities.tier(a.value), entities.tier(b.value)
    if (tiers[0] is None) != (tiers[1] is None):  # a company the table does not know, against one it knows:
        known = tiers[0] if tiers[1] is None else tiers[1]
        premises = ctx.words.premises_deal and re.match(ctx.words.premises_deal, trigger.text)
        if known == 0 or (premises and known < LANDLORD_TIER):  # an AI lab buys; a tenant of a lease or colocation
            return tiers[0] is None  # deal ('Ridgeline entered into a lease agreement with CoreWeave') rents
    return entities.sells_to(a.value, b.value)


LANDLORD_TIER = 2.5  # entities.csv: data-center hosts; below them, companies rent space (clouds, neoclouds, labs)


MANY_FIRMS = re.compile(r"(?:customers|clients|buyers|developers|labs|companies|startups|start-ups|hyperscalers|investors)$", re.I)


NOTE_BUYERS = re.compile(r"(?:buyers|investors)$", re.I)


def many_firms(m: Mention | None) -> bool:
    """'contracts with three different customers': deals with many firms are a total, not one deal."""
    return m is not None and m.kind == "generic" and MANY_FIRMS.search(m.value) is not None


LENDERS = re.compile(r"\b(?:banks|lenders|creditors|bondholders|noteholders)$|(?:银行|銀行|银团|銀團|金融机构|金融機構|债权人|債權人)$", re.I)


def lenders(m: Mention | None) -> bool:
    """'a syndicate of lenders', 'several banks', '几家本地银行': unnamed lenders as written."""
    return m is not None and m.kind == "generic" and LENDERS.search(m.value) is not None
