"""The words of a query or an entry text, as search compares them: folded, expanded, stemmed.

Engineers write "cert", "p1", "ran out", "timed out"; the knowledge says "certificate", "main
mode", "exhausted", "time out". Both sides go through the same steps, so they meet halfway:
shorthand is expanded, everyday phrasings become the word the knowledge uses, and words lose
their inflection ("expired", "expires", "expiration" -> "expir").
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words that carry no meaning for telling errors apart (after folding; "no" and "not" stay:
# IDF already makes them weak, and "no certificate" is not "certificate").
STOPWORDS = frozenset(
    """a an the to of in on is are was were be been being by for and or with this that it its
    i we my our me us you your they them their he she his her has have had do does did get gets
    got getting since from at as so but if then than when while after before just also any some
    there here what which who whom whose why how all each every can could would should will
    shall may might must very really still again only same such into onto over about our""".split()
)

# Shorthand engineers type, expanded to the words the official texts use.
SHORTHAND = {
    "cert": "certificate",
    "certs": "certificate",
    "certificat": "certificate",
    "auth": "authentication",
    "authn": "authentication",
    "mm": "main mode",
    "qm": "quick mode",
    "p1": "main mode",
    "p2": "quick mode",
    "phase1": "main mode",
    "phase2": "quick mode",
    "ikesa": "ike sa",
    "childsa": "child sa",
    "dh": "diffie hellman",
    "psk": "pre shared key",
    "preshared": "pre shared",
    "presharedkey": "pre shared key",
    "neg": "negotiation",
    "nego": "negotiation",
    "ip": "ip address",
    "cfg": "configuration",
    "config": "configuration",
    "conf": "configuration",
    "privkey": "private key",
    "pubkey": "public key",
    "crl": "certificate revocation list",
    "crls": "certificate revocation list",
    "cdp": "crl distribution point",
    "ocsp": "online certificate status protocol revocation",
    "aovpn": "always on vpn",
    "rras": "routing remote access",
    "ras": "remote access",
    "nps": "network policy server",
    "s2s": "site to site",
    "p2p": "point to point",
    "p2s": "point to site",
    "pfs": "perfect forward secrecy",
    "natt": "nat traversal",
    "nat-t": "nat traversal",
    "eku": "enhanced key usage",
    "ca": "certification authority",
    "pki": "public key infrastructure",
    "sa": "security association",
    "sas": "security association",
    "spi": "security parameter index",
    "ts": "traffic selector",
    "tsi": "traffic selector",
    "tsr": "traffic selector",
    "ke": "key exchange",
    "cp": "configuration payload",
    "fw": "firewall",
    "gw": "gateway",
    "vpngw": "vpn gateway",
    "pw": "password",
    "pwd": "password",
    "creds": "credentials",
    "cred": "credentials",
    "dpd": "dead peer detection",
    "gpo": "group policy",
    "gp": "group policy",
    "dc": "domain controller",
    "mtu": "mtu fragment",
    "frag": "fragment",
    "kerb": "kerberos",
    "krb": "kerberos",
    "ikev1": "ike v1",
    "ikev2": "ike v2",
    "v1": "ike v1",
    "v2": "ike v2",
    "authip": "authip",
    "wfp": "windows filtering platform",
    "bfe": "base filtering engine",
    "ikeext": "ikeext service",
    "svc": "service",
    "msg": "message",
    "pkt": "packet",
    "pkts": "packet",
    "info": "informational",
    "resp": "response",
    "req": "request",
    "dns": "dns name",
    "fqdn": "dns name",
}

# Everyday phrasings, mapped to the word the knowledge base uses for the same idea. Applied to
# both sides before stemming, so a cause written "pool exhausted" meets "ran out of addresses".
# Apostrophes are dropped before matching: "can't" is "cant".
_PHRASES = {
    "exhaust": "ran out|run out|runs out|running out|used up|no more|out of|depleted|exhausted",
    "timeout": "timed out|times out|time out|timing out|timeout|timeouts|never responds"
    "|never respond|never answers|never answer|never replies|no response|no reply|no answer"
    "|not responding|not answering|doesnt respond|doesnt answer|doesnt reply|does not respond"
    "|does not answer|does not reply|didnt respond|didnt answer|didnt reply|unresponsive|silent",
    "assign": "hand out|hands out|handed out|handing out|give out|gives out",
    "unavailable": "went down|goes down|is down|was down|offline|unreachable|unavailable"
    "|not reachable|cant reach|cannot reach|could not reach|couldnt reach",
    "mismatch": "doesnt match|dont match|do not match|does not match|didnt match|not matching"
    "|mismatch|mismatched|mismatches|different|differ|wrong",
    "stopped": "turned off|switched off|disabled|not running|stopped|isnt running",
    "reject": "reject|rejects|rejected|refuse|refused|refuses|denied|denies|decline|declined",
    "renew": "renewed|reissued|re issued|rotated",
    "expire": "out of date|outdated|lapsed|expiry|expired|expires|expiring|expiration",
    "nat traversal": "behind nat|behind a nat|natted|nated",
    "client": "laptop|laptops|notebook|notebooks|workstation|workstations|desktop|desktops"
    "|client|clients|endpoint|endpoints|device|devices",
    "notfound": "cant find|cannot find|could not find|couldnt find|not found|missing|no valid"
    "|absent|isnt there|lack|lacks|lacking",
    "limit": "too many|too much|limit|limits|maximum|quota|exceeded",
}
# first word -> the phrases starting with it (as word tuples, longest first) and their word
_PHRASE_STARTS: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _meaning, _phrases in _PHRASES.items():
    for _phrase in _phrases.split("|"):
        _words = tuple(_phrase.split())
        _PHRASE_STARTS.setdefault(_words[0], []).append((_words, _meaning))
for _starting in _PHRASE_STARTS.values():
    _starting.sort(key=lambda item: -len(item[0]))

# Word characters of every script but the CJK ones (which have no spaces between words).
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SUFFIXES = (
    "izations",
    "ization",
    "ational",
    "ations",
    "ation",
    "ments",
    "ment",
    "ities",
    "ity",
    "ness",
    "ings",
    "ing",
    "ions",
    "ion",
    "ers",
    "er",
    "ies",
    "ied",
    "ss",
    "es",
    "ed",
    "ly",
    "s",
)
_MIN_STEM = 4


def folded_words(text: str) -> list[str]:
    """The text's words, casefolded, with everyday phrasings replaced by the knowledge's word."""
    folded = text.casefold().replace("\u2019", "'").replace("_", " ")
    words = [word.replace("'", "") for word in _WORD.findall(folded)]
    found: list[str] = []
    position = 0
    while position < len(words):
        for phrase, meaning in _PHRASE_STARTS.get(words[position], ()):
            if tuple(words[position : position + len(phrase)]) == phrase:
                found += meaning.split()
                position += len(phrase)
                break
        else:
            found.append(words[position])
            position += 1
    return found


def search_words(text: str) -> list[str]:
    """The meaningful words of a text, folded, expanded and stemmed, in order."""
    return [part for word in folded_words(text) for part in word_parts(word)]


@lru_cache(maxsize=50_000)
def word_parts(word: str) -> tuple[str, ...]:
    """One folded word as search words: shorthand expanded, stopwords and numbers dropped."""
    return tuple(
        stem(part)
        for part in SHORTHAND.get(word, word).split()
        if part not in STOPWORDS and not part.isdigit()
    )


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light English stemmer: the inflection and common derivations cut off, nothing more.

    "certificates" -> "certificat", "negotiation"/"negotiated" -> "negoti", "expired" ->
    "expir". Words of other scripts and short words are kept as they are.
    """
    if len(word) <= _MIN_STEM or not word.isascii():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM - 1:
            if suffix == "ss":
                break  # "address" is no plural
            word = word[: -len(suffix)] + ("i" if suffix in ("ies", "ied") else "")
            break
    if word.endswith("y") and len(word) > _MIN_STEM:
        word = word[:-1] + "i"  # policy, policies -> polici
    if word.endswith("e") and len(word) > _MIN_STEM:
        word = word[:-1]
    if word.endswith("at") and len(word) > _MIN_STEM + 2:
        word = word[:-2]  # negotiat(e) -> negoti, like negoti(ation)
    if len(word) > _MIN_STEM and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]  # mapped -> mapp -> map
    return word
