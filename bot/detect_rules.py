"""The word lists behind detection: what makes a number an error code, and what makes it not one."""

from __future__ import annotations

import re

# Words near a bare decimal code that make it an error code rather than some other number.
CONTEXT = re.compile(
    r"\b(?:err(?:or)?s?|code|hresult|hr|status|fail(?:ed|s|ing|ure)?|ike(?:v[12])?|ipsec|vpn|"
    r"rras|tunnel|l2tp|sstp|aovpn|always\s+on|rasclient|remoteaccess|ikeext|"
    r"event\s*(?:id\s*)?20227|event\s*(?:log|viewer)|dial(?:ed|ing)?|connect(?:ion)?\s+failed|sa|"
    r"cert(?:ificate)?s?|connection\s+security|domain\s+isolation|firewall|mean(?:s|ing)?)\b",
    re.IGNORECASE,
)
CONTEXT_WINDOW = 120
# Context that makes a generic official message ("Invalid header.") an IPsec one.
IPSEC_CONTEXT = re.compile(
    r"\b(?:ike(?:v[12])?|ipsec|vpn|rras|tunnel|l2tp|ikeext|aovpn|always\s+on\s+vpn|rasclient|"
    r"remoteaccess|isakmp|esp|main\s+mode|quick\s+mode)\b",
    re.IGNORECASE,
)

# A word right before a number that says it is an identifier, not an error code.
IDENTIFIER_BEFORE = re.compile(
    r"\b(?:pid|tid|process|thread|port|room|ticket|tickets|build|version|ver|v|ext|extension|"
    r"line|row|id|job|order|invoice|case|incident|inc|pr|issue|bug|kb|page|step|ref|phone|zip|"
    r"no\.|num|task|sprint|release|pull|commit|object|item|sr|chg|req|request|story|epic|account|"
    r"acct|user|uid|gid|session|run|pipeline|node|host|vm|asn|vlan|floor|suite|unit|"
    r"apartment|apt|box|lot|model|sku|part|serial|po|customer|member|employee)"
    r"\s*(?:number|no\.?|id|#|:|=)?\s*$",
    re.IGNORECASE,
)
# A word right after a number (or after one descriptive word: "13801 open connections")
# that says it is a quantity.
UNIT_AFTER = re.compile(
    r"\s*(?:(?!(?:for|on|in|at|to|from|with|by|of|and|or|when|since|after|while)\b)[a-z]+\s+)?"
    r"(?:users?|people|persons?|customers?|clients?|devices?|hosts?|machines?|"
    r"connections?|sessions?|requests?|packets?|bytes?|[kmgt]i?b|kbps|mbps|gbps|ms|msec|"
    r"s|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|rows?|records?|"
    r"items?|tickets?|messages?|lines?|files?|events?|alerts?|emails?|times|x|percent|"
    r"dollars?|usd|eur|gbp|points?|votes?|views?|downloads?|tokens?|words?|pages?|steps?|"
    r"calls?|jobs?|tasks?|servers?|pods?|nodes?|vms?|instances?|accounts?|seats?|licen[cs]es?|"
    r"km|kg|m|mi|miles?|meters?|feet|ft)\b",
    re.IGNORECASE,
)
# Characters that glue a number into a larger identifier, version, path or quantity.
GLUE_BEFORE = frozenset("#-+./\\:@$€£%=~^")
GLUE_AFTER = frozenset("-+/\\%@")
# After these, a colon or equals sign still introduces the code ("error:13801", "hr=13801").
LABEL_BEFORE = re.compile(r"\b(?:err(?:or)?|code|hresult|hr|status|result|reason)\s*$", re.I)

# Terms that make an official message specific to IPsec rather than generic software text.
IPSEC_TERMS = frozenset(
    "ike ipsec sa sas spi sspi diffie hellman payload isakmp mobike cga pkinit nap dos ikeext "
    "rekeys main_mode quick_mode tunnel_mode transport_mode".split()
)
# Messages this long are specific enough on their own, whatever their words.
MIN_LONG_MESSAGE_WORDS = 8
MIN_DISTINCTIVE_WORDS = 4
