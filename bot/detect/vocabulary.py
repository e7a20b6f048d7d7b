"""The word lists behind detection: what makes a number an error code, and what makes it not one."""

from __future__ import annotations

import re
from collections.abc import Iterator


class LowerCasePattern:
    """A pattern of lower-case words matched on the lower-cased text. Searched for every
    candidate number, a long alternation of words costs several times more when matched
    case-insensitively: `re` then tries every branch at every position, where lower-case
    literals let it skip ahead."""

    # Characters before the window a lookbehind at its start may read.
    _LOOKBEHIND = 4

    def __init__(self, pattern: str) -> None:
        literals = re.sub(r"\\.", "", pattern)
        if literals != literals.lower():
            raise ValueError(f"a lower-case pattern matches lower-cased text: {pattern[:60]!r}")
        self.pattern = pattern
        self._compiled = re.compile(pattern)

    def ends(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether the pattern matches text[start:end] ending at `end`, as words that must end
        where a number starts ("error code: ", "users are getting ") do: a `$`-anchored one."""
        return self.occurs(text, start, end)

    def occurs(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether the pattern matches anywhere in text[start:end]."""
        end = len(text) if end is None else end
        left = max(0, start - self._LOOKBEHIND)
        return self._compiled.search(text[left:end].lower(), start - left) is not None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches in the lower-cased text (at the text's own positions wherever lower-casing
        keeps its length, which it does but for a few letters: "İ")."""
        return self._compiled.finditer(text.lower())


# ASCII word edges: "VPN接続" still contains the word VPN, where \b would see one long word.
_START, _END = r"(?<![a-z0-9])", r"(?![a-z0-9])"

# Danish and Norwegian, Finnish, Estonian, Latvian, Lithuanian, Croatian and Serbian,
# Slovenian, Bulgarian, Albanian, Basque, Malay, Welsh, Irish, Scottish Gaelic, Swahili,
# Armenian, Kazakh, and in scripts without case: Hebrew, Hindi, Urdu, Bengali, Tamil, Telugu,
# Thai, Georgian
_MORE_ERROR_WORDS = (
    *(r"fejl", r"feil", r"virhe\w*", r"viga", r"kļūd\w*", r"klaid\w*", r"greš\w*", r"pogreš\w*"),
    *(r"napak\w*", r"грешк\w*", r"gabim\w*", r"errorea", r"ralat", r"gwall(?:au)?"),
    *(r"earr[aá]id\w*", r"mearachd", r"hitilafu", r"iphutha", r"impazamo", "սխալ", "қате"),
    *("שגיאה", "त्रुटि", "एरर", "ایرر", "خرابی", "ত্রুটি", "பிழை", "లోపం", "ข้อผิดพลาด", "შეცდომა"),
)
# "error" in the languages our users write in (the CJK forms need no word edges).
_ERROR_WORDS = (
    r"fehler\w*|erreurs?|erros?|errore|errori|fout(?:code|melding)?|fel(?:kod)?|"
    # Polish in its cases: "z błędem 809", "kod błędu 691"
    r"b[lł](?:[aą]d|[eę]d(?:u|em|y|ów|zie))|ошибк\w*|памылк\w*|помилк\w*|"
    # Turkish, Vietnamese, Indonesian, Czech, Hungarian, Romanian, Greek, Persian, Arabic
    r"hata(?:s[ıi])?|lỗi|kesalahan|chyb(?:a|y|ě|ou|u)|hib[aá]|eroare[a]?|erori[i]?|σφάλμα|ارور|خطای?|خطأ|"
    rf"{'|'.join(_MORE_ERROR_WORDS)}"
)
# "certificate" in Polish, Czech and Slovak, Dutch, Turkish and Hungarian, in all its endings
_CERTIFICATE_WORDS = (
    r"certyfikat\w*|certifik[aá]t\w*|certificaat\w*|sertifika\w*|t[aá]n[uú]s[ií]tv[aá]ny\w*"
)
_ERROR_CJK = r"(?:エラー|错误|錯誤|오류|报错|報錯|出错|出錯)(?:代码|代碼|码|碼|コード|코드)?"
# Error labels as programs and logs write them, compounds included: ErrorCode, errCode,
# dwError, NativeErrorCode, HResult, Win32Status, error_code, exitCode.
_LABEL = (
    r"(?:dw|native|last|win32|ras|os|sys|inner|ike|m_?|n)?"
    r"(?:err(?:or)?s?|hresult|hr|status|result|exit|return(?:s|ed)?)"
    r"(?:_?(?:code|no|num(?:ber)?|value|id))?"
)
# Words that make a decimal code an error: strong ones are about errors as such.
# The IKE ports ("udp 500/4500", "4500/udp") and VPN hosts' names ("rras04", "vpn-gw2",
# "aovpn01") speak of a VPN as its words do.
_VPN_PORTS_AND_HOSTS = (
    r"(?<![a-z0-9])(?:udp[ /:-]?(?:port\s*)?(?:500|4500)|(?:500|4500)/udp|"
    r"500\s*(?:/|and|&|,)\s*4500|"
    r"(?:rras|a?o?vpn|nps)[-_]?(?:gw|srv|server|node)?[-_]?\d{1,3})(?![a-z0-9])"
)
ERROR_CONTEXT = re.compile(
    rf"{_START}(?:{_LABEL}|codes?|fail(?:ed|s|ing|ures?)?|netsh|"
    rf"{_ERROR_WORDS}){_END}|{_ERROR_CJK}",
    re.IGNORECASE,
)
# Words near a bare decimal code that make it an error code rather than some other number.
CONTEXT = re.compile(
    rf"{ERROR_CONTEXT.pattern}|{_VPN_PORTS_AND_HOSTS}|"
    rf"{_START}(?:ike(?:v[12])?|ipsec|vpn|rras|tunnel|l2tp|sstp|aovpn|"
    r"site[- ]to[- ]site|point[- ]to[- ]site|s2s|p2s|psk|pre-?shared(?:\s+keys?)?|"
    r"always\s+on|rasclient|rasman|rasdial|rasphone|remoteaccess|ikeext|event\s*(?:id\s*)?20227|"
    r"event\s*(?:log|viewer)|"
    r"dial(?:ed|ing)?|connect(?:s|ed|ing|ion)?|sas?|cert(?:ificate)?s?|crl|ocsp|connection\s+security|"
    r"domain\s+isolation|firewall|mean(?:s|ing)?|(?:mm|qm)\s*(?::|sas?)|"
    r"(?:main|quick|transport|tunnel)\s+mode|"
    # asking about a code: "how urgent is 13868", "anyone else seeing 13843 again?"
    r"urgent|urgency|critical|severity|serious|anyone|seeing|seen|hitting|again|"
    # what people say of a code once they fixed it: "13843 went away after ..."
    r"fixed|fix(?:es)?|resolved|solved|workaround|went\s+away|goes\s+away|"
    # how a code reaches people: "Windows showing 13801", "contractors get 13801"
    r"show(?:s|ing)?|throws?|throwing|returns?|returning|gets?|getting|got|gave|gives|giving|"
    # VPN words of the other languages people write in
    r"n[ée]gociation|aushandlung|negociaci[oó]n|negoziazione|negocia[cç][aã]o|"
    rf"certificat|zertifikat|certificado|certificato|{_CERTIFICATE_WORDS}|t[uú]nel|tunnel|"
    rf"согласовани\w*|сертификат\w*|туннел\w*){_END}|协商|協商|交渉|협상|证书|憑證|証明書|인증서|"
    r"隧道|トンネル|터널",
    re.IGNORECASE,
)
CONTEXT_WINDOW = 120
# An error label already says the number is an error: a VPN word anywhere this close (most
# of a chat message or a pasted event) says whose.
LABELLED_CONTEXT_WINDOW = 400
# A question mark this close after a number asks about it.
QUESTION_WINDOW = 40
# How far from a number its own words (name, message, aliases) confirm it.
OWN_WORDS_WINDOW = 60
# Context that makes a generic official message ("Invalid header.") an IPsec one: IPsec
# words, and the VPN products on either side of a tunnel.
IPSEC_CONTEXT = re.compile(
    rf"{_START}(?:ike(?:v[12])?|ipsec|vpn|rras|tunnel|l2tp|ikeext|aovpn|always\s+on\s+vpn|"
    r"rasclient|remoteaccess|isakmp|esp|(?:main|quick|transport)\s+mode|strongswan|libreswan|"
    r"authip|directaccess|keying\s+modules?|connection\s+security\s+rules?|"
    rf"swanctl|charon|fortigate|fortinet|palo\s*alto|globalprotect|meraki|sonicwall|mikrotik|"
    r"pfsense|opnsense|vpn\s+gateway|virtual\s+network\s+gateway|"
    # a VPN concentrator, the Diffie-Hellman group a tunnel's proposals name
    r"concentrators?|dh|diffie[- ]hellman|"
    # IPsec's own uses of Windows and their audit events (4650-4655 main mode, 4976-4984
    # quick and extended mode), whose "Failure Reason" is an official message
    r"domain\s+isolation|server\s+isolation|isolation\s+rules?|465[0-5]|497[6-9]|498[0-4]|"
    # PowerShell's VPN and IPsec cmdlets: Connect-VpnS2SInterface, Get-NetIPsecMainModeSA
    rf"[a-z]+-(?:vpn|netipsec|remoteaccess)\w*){_END}",
    re.IGNORECASE,
)

# VPN words in any language, also inside compounds ("Benutzertunnel", "连接"): a short
# localized message beside them is a VPN's.
VPN_WORDS_ANYWHERE_PATTERN = (
    r"vpn|впн|ipsec|ikev?[12]?(?![a-z])|l2tp|tunnel|t[uú]nel|туннел|alag[uú]t|隧道|トンネル|터널|"
    r"verbindung|connexion|conexi[oó]n|connessione|conex[aã]o|подключ|kapcsolat|"
    r"bağlant[ıi]|kết nối|koneksi|połączeni|připojení|اتصال|"
    r"连接|連線|連接|接続|연결|拨号|撥號"
)
VPN_WORDS_ANYWHERE = re.compile(VPN_WORDS_ANYWHERE_PATTERN, re.IGNORECASE)
# How RAS codes are written as errors, right before the number: "Error 809", "error code
# 691", "ErrorCode=809", "The error code returned on failure is 809", "RasException (809)",
# "Remote Access error 691", "错误 809", "Fehler 809".
_CODE_WORDS = (
    r"codes?|c[oó]digos?|codic[ei]|код\w*|"
    # Polish, Czech, Turkish, Hungarian, Swedish, Danish, Norwegian, Dutch, Finnish
    r"k[oó]d\w*|hibak[oó]d\w*|felkod\w*|fejlkode\w*|feilkode\w*|foutcode\w*|\w*koodi\w*"
)
# The shapes of RasClient events and the RAS API: the number is a RAS error with no VPN
# word nearby ("The error code returned on failure is 809", "RasException (809)").
_RAS_SHAPES = (
    r"(?:failure|termination)\s+is|ras(?:dial)?exception\s*\(|remote\s+access\s+error|"
    r"rasdial\s*(?:error|failed)|"
    # the VPN cmdlets' error records: "FullyQualifiedErrorId : VPN 623,Get-VpnConnection"
    r"fullyqualifiederrorid\s*:\s*vpn"
)
# What ends a label before its number: a colon or equals sign, or a script's comparison with
# it ('if "%errorid%" == "623"', "$err -eq 691", "dwErr == 809"); markdown or quotes may
# wrap the number ("error `691`", 'returned "623"').
_LABEL_END = r"[\"'\]%]{0,2}\s*(?:(?:[:=#]|==|-eq)\s*)?[`\"'“«]?$"
# A slug whose last word before the number is an error label: a branch, an anchor or a file
# name ("576-IKEv2-RasDial-AuthNotify-error-13801-on-Windows-7", "#error-code-13806").
SLUG_LABEL_BEFORE = re.compile(rf"(?<![^\W_])(?:errors?|err|{_ERROR_WORDS})(?:-codes?)?-$", re.I)
# An MS-CHAP failure packet (RFC 2759): "E=691 R=0 C=... V=3", its RAS error and whether
# the client may retry.
# (pppd and dialers log it in lower case too: "e=691 chap authentication failed")
MSCHAP_FAILURE_BEFORE = re.compile(r"(?<![A-Za-z0-9_=])[eE]=$")
MSCHAP_FAILURE_AFTER = re.compile(r" R=[01](?![\w])|\s+(?:ms-?)?chap\b", re.IGNORECASE)
RAS_SHAPE_BEFORE = LowerCasePattern(rf"(?:{_RAS_SHAPES}){_LABEL_END}")
# How VPN how-tos title the client's errors: "Windows Error 809", "Windows error 789".
# (in the languages of the how-tos too: "Windows 错误 809", "Windows-Fehler 809")
WINDOWS_ERROR_BEFORE = LowerCasePattern(
    rf"{_START}windows(?:\s+error(?:\s+code)?|[\s-]*(?:{_ERROR_WORDS}|{_ERROR_CJK})){_LABEL_END}"
)
RAS_LABEL_BEFORE = LowerCasePattern(
    rf"(?:{_START}(?:{_LABEL}|{_CODE_WORDS}|{_ERROR_WORDS}|rasdial|{_RAS_SHAPES}|"
    # "the error code is 853", "an error code of 668", "the code is one of: 633, 678", "a code
    # like 809", "errors such as 691"
    r"(?:codes?|error)\s+(?:is|was|are|were|of)(?:\s+(?:one\s+of|either|any\s+of))?|"
    r"(?:codes?|errors?)\s+(?:like|such\s+as|e\.?g\.?,?|including))|"
    # "失败后返回的错误代码为 809" (the error code returned on failure is 809)
    rf"{_ERROR_CJK}(?:为|為|是|は)?)"
    # the product between the label and its number: "памылкай VPN Microsoft 720", "error VPN 809"
    r"(?:\s+(?:vpn|microsoft|windows|ras|rras|l2tp|pptp|sstp|ikev2))*"
    rf"{_LABEL_END}"
)
# A RasClient or RemoteAccess event (20220-20227, 20271-20275) pasted as XML: its values
# stand in <Data> elements, the error code among them.
RAS_EVENT = re.compile(r"rasclient|remoteaccess|\b20(?:22[0-7]|27[0-5])\b", re.IGNORECASE)
# The Windows VPN client, its server and their protocols: where a Win32 constant an HRESULT
# entry wraps (ERROR_NETNAME_DELETED, ERROR_TIMEOUT) is a VPN's error.
WINDOWS_VPN = re.compile(
    rf"{_START}(?:rasclient|remoteaccess|rasdial|rasman|dotras|ras(?:dial)?exception|ike(?:v2)?|"
    rf"ikeext|aovpn|always\s+on|rras|sstp|l2tp|nps|vpn\s+client|windows\s+vpn){_END}",
    re.IGNORECASE,
)
# Windows tools that print the Win32 errors of file and share access, which a tunnel carries.
WIN32_TOOL = re.compile(
    rf"{_START}(?:robocopy|xcopy|net\s+use|system\s+error\s+\d+\s+has\s+occurred|smb\w*|cifs|"
    rf"dfs\w*|mapped\s+drives?|copying\s+file|accessing\s+(?:source|destination)){_END}",
    re.IGNORECASE,
)
EVENT_DATA_BEFORE = re.compile(r"<data(?:\s+name=[\"'][^\"'<>]*[\"'])?>$", re.IGNORECASE)
# An error label right after the number: "809 error", "789 error code", "809错误".
# Hungarian joins a suffix to a number with a hyphen: "812-es hiba" (error 812), "800-as",
# "13805-tel esik le" (drops with 13805), "691-et ad" (gives 691), "809-ben", "789-re". The
# "with" ending takes the sound before it: "809-cel", "691-gyel", "868-cal".
HUNGARIAN_SUFFIX = re.compile(
    r"-(?:[aeoö]?[st]|(?:[vctzlnmrkjpdbs]|gy|ny|sz|cs|zs|ty)?[ae]l|b[ae]n?|r[ae]|r[oóöő]l|"
    r"t[oóöő]l|b[oóöő]l|n[aáeé]l|h[oeö]z|n[ae]k|[oeö]n|ig|kor)(?![^\W\d_]|-)",
    re.IGNORECASE,
)
RAS_LABEL_AFTER = re.compile(
    rf"[\"'\])」”’»』]?\s*(?:(?:error|err)(?:\s*code)?{_END}|(?:ошибк|памылк|помилк)\w*|{_ERROR_CJK}|"
    r"-[aeoö]?s\s+hib[aá]\w*|"
    # "809异常" (809 fault), "691一般是账号无效的错误码" (691 is usually the error code of an
    # invalid account)
    # (a CJK range compiles case-insensitively at a cost every process start would pay)
    r"异常|異常|(?-i:(?:一般|通常)?(?:是|为|為)[\u4e00-\u9fff]{0,10}的(?:错误|錯誤)(?:代码|代碼|码|碼)?))",
    re.IGNORECASE,
)
CJK_REPORT_WORDS = (
    *("报", "報", "出现", "出現", "提示", "显示", "顯示", "弹出", "彈出"),
    *("一直", "又是", "总是", "總是", "还是", "還是"),  # "我一直809": I keep getting 809
    *("仍然", "依然", "依旧", "依舊"),  # "仍然691": still 691
    *("返回", "回傳"),  # "rasdial 返回 623": rasdial returns 623
)
_CJK_REPORT_WORDS = "|".join(CJK_REPORT_WORDS)
AGAIN_WORDS = (
    *("again", "weer", "opnieuw", "wieder", "erneut", "encore", "de nouveau", "otra vez"),
    *("de nuevo", "de novo", "novamente", "ancora", "di nuovo", "znowu", "ponownie", "znovu"),
    *("opět", "tekrar", "yine", "снова", "опять", "ulit", "igen", "igjen"),
)
STILL_WORDS = (
    *("nog steeds", "immer noch", "noch immer", "toujours", "todavía", "ainda", "nadal"),
    *("wciąż", "stále", "hâlâ", "всё ещё", "все ещё", "все еще", "pa rin"),
)
# How people report a code they keep seeing, with no error word: "users are getting 812",
# "the kiosk fails with 766", "858 again for the whole office".
# (the gate of labelled numbers looks for the same words)
REPORT_WORDS = tuple(
    "get gets getting got see sees seeing saw hit hits hitting throw throws throwing threw "
    "give gives giving gave show shows showing return returns returned returning still "
    "another "
    # "gets" and "got" in Norwegian, Swedish and Danish: "bruker får 868 på SSTP-profilen"
    "får fikk fick "
    # how often it comes: "intermittent 628 on the user tunnel"
    "intermittent sporadic recurring".split()
) + (
    # where a failing client is now: "first it was 868, now we're at 809", "stuck at 720",
    # "flapping between 840 and 841"
    "it was",
    "we're at",
    "were at",
    "stuck at",
    "stuck on",
    "flapping between",
    "alternating between",
    # how a tunnel ends with it: "tablets drop with 807 every time ..."
    *("drop with", "drops with", "dropped with", "dropping with", "disconnects with"),
    *("disconnected with", "dies with", "died with"),
    # "again" and "still" in the languages the staff write: "weer 691 bij dr. Bakker",
    # "toujours 809 depuis l'hôtel", "znowu 691"
    *AGAIN_WORDS[1:],
    *STILL_WORDS,
)


# What the VPN's own parts say: "RasClient says 809", "the popup said 691", "RRAS logs 930"
# ("says" alone is any speaker's, and "logs" any count's).
_SPEAKING_PARTS = (
    *("rasclient", "rasdial", "rasman", "rras", "nps", "vpn", "client", "popup", "pop-up"),
    *("dialog", "dialogue", "windows", "it"),
)
_LOGGING_PARTS = ("rasclient", "rasman", "rras", "nps")
_SAYS, _LOGS = ("says", "said", "reports", "reported"), ("logs", "logged")
PART_REPORT_WORDS = tuple(f"{part} {verb}" for part in _SPEAKING_PARTS for verb in _SAYS) + tuple(
    f"{part} {verb}" for part in _LOGGING_PARTS for verb in _LOGS
)


def _alternatives(phrases: tuple[str, ...]) -> str:
    """The phrases as alternatives of a pattern, any spacing between their words."""
    return "|".join(re.escape(words).replace("\\ ", r"\s+") for words in phrases)


# (each part once, then its verbs, where the gate needs every pair spelled out)
_REPORT = (
    f"{_alternatives(REPORT_WORDS)}|"
    f"(?:{_alternatives(_SPEAKING_PARTS)})\\s+(?:{_alternatives(_SAYS)})|"
    f"(?:{_alternatives(_LOGGING_PARTS)})\\s+(?:{_alternatives(_LOGS)})"
)
RAS_REPORT_BEFORE = LowerCasePattern(
    rf"(?:{_START}(?:{_REPORT}|fail(?:s|ed|ing)?\s+with(?:\s+one\s+of)?)"
    r"\s+(?:an?\s+|the\s+)?|"
    # the number in brackets after the failure: "client failed to connect (809)"
    rf"{_START}fail(?:s|ed|ing|ure)?(?:\s+to\s+\w+)?\s*\(|"
    # a tally of each code: "9x 691 (pw expired), 5x 812"
    r"(?<![\w.,])\d{1,4}[x×]\s+|"
    # the same in CJK: "总是报691" (always reports 691), "出现809", "提示 789"
    rf"(?:{_CJK_REPORT_WORDS})\s*)[`\"'“«]?$"
)
# How Hindi-English chat says a code keeps coming: "dispatchers ko 812 aa raha hai"
HINGLISH_REPORT_AFTER = (
    *("aa raha", "aa rahi", "aa rahe", "aa rha", "aa rhi", "aa gaya", "aa gya", "aata"),
    *("de raha", "de rahi", "dikha raha", "dikha rahi", "dikha rha"),
)
# After the number: "858 again for the whole office", "error 691 pa rin", "868 means the name
# doesn't resolve?"
AFTER_REPORT_WORDS = (*AGAIN_WORDS, *STILL_WORDS, *HINGLISH_REPORT_AFTER, "means")
_AFTER_REPORT = _alternatives(AFTER_REPORT_WORDS)
# (not "800 means 800 addresses": what a figure means is another figure)
# (and a tally after each code: "628 x41, 807 x19"; not a size, "800 x600")
RAS_REPORT_AFTER = re.compile(
    rf"\s+(?:{_AFTER_REPORT})(?!\w)(?!\s+\d)|[ \t]+[x×]\d{{1,2}}(?![\w.,]\d)(?![\w×])",
    re.IGNORECASE,
)
# A RAS code as the subject of a status line, with no error word: it opens the message or a
# clause ("853 for three users", "AOVPN user tunnel: 853 on ~40 machines", "-> 806 since the
# ISP swapped the router", "all on 789 since this morning", "with 873 from the profile") and
# what follows says whom or since when it hits ("812 bei allen externen", "795: NPS ...").
RAS_STATUS_BEFORE = LowerCasePattern(
    rf"(?:^|\n|[:;,.!?]\s|[(>—–]|\s-|{_START}(?:on|with|now|then|first)\s)\s*[`\"'“]?$"
)
STATUS_WORDS = (
    *"since for after on in from when while during".split(),
    # or when: "12 reporters on 854 this morning", "all on 809 today"
    *"this today tonight overnight yesterday".split(),
    *"bei seit für nach ab auf pour depuis chez après sur desde para tras con en no na".split(),
    *"dla od po w у с для после в на".split(),
)
# Before a code's plural ("the 809s"): a determiner, or the opening of a clause; after it, a
# word (a duration is "900s" after "after", "every", "timeout" or before a digit).
PLURAL_BEFORE = LowerCasePattern(
    r"(?:(?:^|\n|[:;,.!?(]\s*|\s[-–—]\s*)|(?<![a-z])(?:the|all|more|no|those|these|some|few|many|"
    r"most|mostly|first|only|of|with|lots\s+of|bunch\s+of|seeing|getting|and)\s+)[`\"'“]?$"
)
PLURAL_AFTER = re.compile(
    r"[`\"'”]?(?:,\s*|\s+)(?!(?:timeouts?|idle|interval|lifetime|delay|wait|ago|later|left|"
    r"remaining|of\s+(?:idle|inactivity|uptime|downtime))\b)[^\W\d]",
    re.IGNORECASE,
)
# or what the next step of a sequence began with: "first 789, then after switching ... 720"
SEQUENCE_AFTER = (", then ", "; then ", " then ", " and then ", ", and then ")
# What a code stands for, as a triage note pins it: "628 = the L2TP/ESP thing", "809 -> UDP 500"
DEFINITION_AFTER = (" = ", " -> ", " → ", " => ")
RAS_STATUS_AFTER = re.compile(
    rf"[`\"'”]?(?::\s|\s+(?:{'|'.join(STATUS_WORDS)})\s+\S|"
    rf"{'|'.join(re.escape(words) for words in SEQUENCE_AFTER)})",
    re.IGNORECASE,
)
# A VPN protocol right before a RAS number names the error it gave: "L2TP 789, compte
# verrouillé", "PPTP: 806" (its ports, 1701, 1723 and 443, are outside the RAS range).
_VPN_PROTOCOL_NAMES = ("l2tp/ipsec", "l2tp", "pptp", "sstp", "ikev1", "ikev2")
_VPN_PROTOCOLS = "|".join(map(re.escape, _VPN_PROTOCOL_NAMES))
PROTOCOL_BEFORE = LowerCasePattern(rf"(?<![a-z0-9])(?:{_VPN_PROTOCOLS})\s*:?\s*$")
# The literals that lead such a number, for the gate (after a colon, ": 789" leads it).
PROTOCOL_WORDS = tuple(f"{protocol} " for protocol in _VPN_PROTOCOL_NAMES)
# Each protocol and the number after it, for a breakdown of figures: "(SSTP 612, IKEv2 197)".
PROTOCOL_AND_NUMBER = re.compile(
    rf"(?<![a-z0-9])(?:{_VPN_PROTOCOLS})\s*:?\s*(\d+)(?![\d.])", re.IGNORECASE
)
# A device or server named as what a RAS code hits, the number alone after its colon: "the
# clinic router: 919, it wants CHAP", "L2TP on the contractor laptop: 835." (a plural is a
# count: "users: 412.", and a phone, room or port is not a device that fails)
ENDPOINT_COLON_BEFORE = LowerCasePattern(
    rf"{_START}(?:router|laptop|notebook|pc|desktop|workstation|tablet|handheld|client|box|"
    r"machine|device|gateway|firewall|server)\s*:\s*$"
)
# The number ends its clause: a full stop, comma or semicolon, a dash, or the end of the line.
CLAUSE_END_AFTER = re.compile(r"[.,;]?(?:\s+[-–—]\s|\s*$|[.,;]\s)", re.MULTILINE)
# (not for a Win32 number an HRESULT wraps: "NPS reason codes: 48 = ..., 64 = ...")
RAS_DEFINED_AFTER = re.compile(rf"[`\"'”]?(?:{'|'.join(map(re.escape, DEFINITION_AFTER))})\S")
# How far before a RAS number its error label may end ("error code returned on failure is ").
LABEL_REACH = 48
# A VPN, its client or its server near a RAS code: the number is a Remote Access error.
RAS_CONTEXT = LowerCasePattern(
    rf"{VPN_WORDS_ANYWHERE_PATTERN}|{_VPN_PORTS_AND_HOSTS}|{_START}(?:rras|"
    # the RAS client, its API, services and components: rasdial, RasMan, RASTAPI, RASSNA.DLL
    r"ras(?:dial(?:er)?|phone|client|mans?|api32|tapi|ppp|sna\d*|auto)?|"
    # the RAS API's .NET wrapper and its exceptions: DotRas, RasException, RasDialException
    r"dotras|ras(?:dial)?exception|sstp|pptp|p2s|s2s|point[- ]to[- ]site|site[- ]to[- ]site|"
    rf"remote\s*access|nps|radius|dial[- ]?up|dial(?:l)?er|always\s+on|aovpn|gre|psk|"
    r"pre-?shared|nat-?t|traffic\s+selectors?|proxy[- ]?ids?|palo\s*alto|fortigate|"
    r"globalprotect|sonicwall|meraki|mikrotik|pfsense|strongswan|"
    # remote access in other languages
    r"acesso\s+remoto|acceso\s+remoto|accesso\s+remoto|acc[eè]s\s+(?:à\s+)?distance|"
    r"remotezugriff|удал[её]нн\w+\s+доступ\w*|"
    # RasClient event 20227: "dialed a connection named X which has failed"
    r"dial(?:l)?ed\s+a\s+connection|dial(?:l)?ed|"
    # PPP, which only RAS speaks on Windows: "TCP/IP CP reported error 733", "PPP link control"
    r"ppp(?:o[ae]|d)?|lcp|cp\s+reported|control\s+protocol|(?:ms-?)?chap(?:v2)?|peap|eap(?:-tls)?|"
    r"a?dsl|modem|broadband|isdn|multilink|"
    r"routerlog\w*|policyagent|ikeext|cert(?:ificate)?s?|wan\s*miniports?|miniports?\s+wan|"
    # the RasClient and RemoteAccess events: "Event 20227: The error code ... is 809"
    r"event(?:\s*id)?\s*[:#]?\s*20(?:22\d|27\d)|сертификат\w*|zertifikat\w*|"
    rf"certificat\w*|certificado|certificato|{_CERTIFICATE_WORDS}){_END}|"
    # (and dial-up and broadband, as in English)
    r"证书|憑證|証明書|远程访问|遠端存取|拨号|撥號|宽带|寬頻|ダイヤルアップ"
)
# Where a quoted generic message comes from a VPN: the Windows client or server that shows it.
PLATFORM_CONTEXT = re.compile(
    rf"{_START}(?:windows\s*(?:1[01]|server|client)|win\s*1[01]|(?:native|built-?in)\s+client|"
    r"connect(?:ing|ion)?|dial(?:ing|ed)?|"
    # the same in the languages of the localized messages
    r"conectar|conexi[oó]n|cliente\s+nativo|verbinden|verbindung|connexion|connessione|"
    r"einwahl\w*|dial-?in|dial-?up|colleg(?:a|are|arsi|amento)\w*|"
    rf"conex[aã]o|подключени\w*){_END}",
    re.IGNORECASE,
)
# Software other than a VPN that reports the same certificate and TLS HRESULTs: package and
# app installs, code signing, curl and git over schannel, downloads, mail. In text that names
# one and no VPN, such an HRESULT is that software's error ("winget: 0x800B0101").
OTHER_SOFTWARE = re.compile(
    rf"{_START}(?:curl|libcurl|git|winget|appinstaller|msix\w*|appx\w*|add-appx\w*|"
    r"sideload\w*|signtool|authenticode\w*|get-authenticodesignature|code[- ]?sign\w*|"
    r"aria2c?|wget|nuget|npm|pip|docker|smtp|imap|pop3|mail\s*server|"
    r"browsers?|chrome|firefox|vs\s*code|visual\s+studio|msiexec|windows\s+update|"
    r"certificate\s+services|ad\s*cs|certifi(?:cation|cate)\s+authority|subordinate\s+ca|"
    r"certsvc|certreq|certificate\s+not\s+issued|error\s+constructing\s+or\s+publishing|"
    # Entra ID sign-in errors: the cloud's, not a tunnel's
    r"aadsts\d*|"
    r"install(?:s|ed|ing|er|ation)?|download(?:s|ed|ing)?|drivers?|treiber\w*|installier\w*|"
    # .NET's HTTP and TLS stack and WCF ("System.Net.Http.HttpRequestException"), and curl's
    # "schannel: next InitializeSecurityContext failed"
    r"system\.net\.(?:http|security)|system\.servicemodel|http(?:client|requestexception)|"
    r"sockets?httphandler|sslstream|wcf|schannel:|proxy|tls\s+inspection|ssl/tls\s+handshake|"
    # enrolment: the HRESULT of a certificate request is the CA's answer
    r"request(?:ing)?\s+(?:a\s+|the\s+)?certificates?|certificate\s+requests?|"
    # Windows deployment: image capture, task sequences
    r"sccm|configmgr|mdt|wds|task\s+sequence|image\s+capture|captura\s+de\s+imagen|"
    # databases and web servers, whose TLS reports the same certificate HRESULTs
    r"sql\s*server|ssl\s+provider|odbc|connection\s+string|iis|web\s*(?:server|site)|"
    r"winverifytrust|net::err_\w+|"
    # app packages and their signatures, in other languages
    r"paquete\s+de\s+aplicaci[oó]n|pacote\s+de\s+aplicativo|firma\s+digitale|"
    rf"instal(?:ar|aci[oó]n|ação)\w*){_END}|安装|下载|インストール|驱动",
    re.IGNORECASE,
)
# What an error is about, as its English message names it (the key) and as people write it
# beside the number in their languages: "errore 691 da stamattina, password cambiata ieri".
TOPIC_WORDS = {
    "password": LowerCasePattern(
        rf"{_START}(?:passw(?:or)?d\w*|pw|pwd|passwort\w*|kennwort\w*|mot\s+de\s+passe|"
        r"contrase[ñn]a\w*|senha\w*|parola|hasł\w*|has[lł]o|wachtwoord\w*|şifre\w*|"
        rf"l[öo]senord\w*|heslo|mật\s+khẩu|пароль\w*|пароля){_END}|密码|密碼|パスワード|비밀번호"
    ),
    # a connection that keeps dropping (807): "807 drops mid-scan", "reconnects every 5 min"
    "interrupt": LowerCasePattern(
        rf"{_START}(?:interrupt\w*|drop(?:s|ped|ping)?|disconnect\w*|reconnect\w*|"
        r"(?:micro-?)?outages?|unterbroch\w*|abbr[üu]ch\w*|coupure\w*|d[ée]connex\w*|"
        rf"queda\w*|ca[ií](?:da|u|ndo)\w*|interrott\w*|обрыв\w*|разрыв\w*){_END}|断开|掉线|断线|切断"
    ),
    "encrypt": LowerCasePattern(
        rf"{_START}(?:encrypt\w*|verschl[üu]ssel\w*|chiffr\w*|cifr\w*|criptograf\w*|"
        rf"шифр\w*){_END}|加密|暗号"
    ),
}
# Programs that report certificate HRESULTs of their own, opening the sentence that holds one
# ("Windows Update on the RRAS box threw 0x800B0101"): the HRESULT is theirs.
TOOL_OPENING = re.compile(
    r"[\s\"'`(*>-]*(?:the\s+)?(?:signtool|winget|git|curl|wget|nuget|npm|pip|docker|msiexec|"
    r"windows\s+update|wsus|sccm|configmgr|chrome|firefox|outlook|octoprint|"
    r"sql\s*server|iis|add-appx\w*|appinstaller)\b",
    re.IGNORECASE,
)
# Source code: a text with these is a program, whose HRESULT constants are data, not errors
# someone met ("case -2146762495:", "CertExpired = -2146762495,").
CODE_MARKERS = re.compile(
    r"\bcase\s+-?\w+\s*:|\benum\s+\w+|\bswitch\s*\(|"
    r"\b(?:const|static|public|private|protected)\s+\w+|\bnew\s+[A-Z]\w*\s*[({]|"
    r"[!=]=|\)\s*\{|;[ \t]*$|=\s*-?\d+\s*,[ \t]*$|"
    # C's definitions, comment lines, lambdas: "#define QUIC_STATUS_...", "// 0x800704c9"
    r"^[ \t]*#define\s+\w+|^[ \t]*//|\)\s*=>|\bunchecked\s*\(|\bnew\s*\(|"
    # Python: definitions, imports, block headers, regex calls, assignments to a key
    r"^[ \t]*(?:def|class|import|from)\s+\w+|^[ \t]*(?:if|elif|for|while|with|try)\b[^\n]*:[ \t]*$|"
    r"\bre\.(?:findall|finditer|search|match|fullmatch|compile|sub)\(|\w\[[\"'][^\"'\n]+[\"']\]\s*=[^=]",
    re.MULTILINE,
)
MIN_CODE_MARKERS = 2
# Another product's error numbers: "ORA-00942", "Msg 823", "AADSTS50011". The same number
# beside them is that error's, not a RAS code ("Error Code : 942 ... ORA-00942").
FOREIGN_ERROR = re.compile(
    r"(?<![A-Za-z])(?:ORA|PLS|TNS|SQLSTATE|Msg|MSB|LNK|AADSTS|WSAE?)[-_ ]?0*(?P<number>\d{1,6})\b|"
    # SQL Server's error line: "Error: 823, Severity: 24, State: 2."
    r"\berror:?\s*(?P<sql>\d{1,6}),\s*severity:\s*\d+",
    re.IGNORECASE,
)
# The writer's own words that a warning is no failure ("-> also kein Fehler, netsh hat die
# Richtlinie angelegt"); not "successfully", which the warnings' own messages say.
SUCCESS_WORDS = re.compile(
    rf"{_START}(?:no\s+error|not\s+an?\s+(?:error|failure)|is(?:n['’]t|\s+not)\s+an?\s+error|"
    rf"kein(?:en)?\s+fehler|pas\s+(?:d['’]|une\s+)erreur|no\s+es\s+un\s+error|не\s+ошибка|"
    rf"succeeded|worked){_END}",
    re.IGNORECASE,
)
# A string literal of a program's source, up to a message in it: an argument of a logging
# call ('DBG1(DBG_IKE, "', 'llog_sa(RC_LOG, ike, "') or an element of an array of strings (a
# line that opens with the quote); not a table's description ('[Description("').
CODE_STRING_BEFORE = re.compile(
    r"(?:(?<![A-Za-z0-9_])(?:[A-Za-z]*log\w*|dbg\d?|debug|trace|printf|fprintf|warn\w*|die|"
    r'fatal|panic)\s*\([^"\n]*|^[ \t]*|[{,][ \t]*)"[^"\n]*$',
    re.IGNORECASE | re.MULTILINE,
)
# ... and its end: the quote closes, then the call or the element goes on.
CODE_STRING_AFTER = re.compile(r'[^"\n]*"\s*(?:[,);}]|$)')
# A generic message right after another protocol's name is that protocol's: "SMTP TLS
# negotiation timed out", "LDAP: invalid tunnel id".
OTHER_PROTOCOL_BEFORE = re.compile(
    r"(?<![a-z0-9])(?:tls|ssl|smtp|https?|dhcp|ldaps?|sql|ssh|rdp|kerberos|ntlm|quic|dns|tcp|"
    r"smb|sip|ftp|snmp|ntp)[\s:]*$",
    re.IGNORECASE,
)
# A message followed by a detail or a format string is another program's: "Invalid Tunnel
# ID (T12a) - not a number", "invalid tunnel id: ...".
DETAIL_AFTER = re.compile(r"\s*(?:\(|:\s*\S|%[sd])")
# A VPN or the Windows remote access stack named anywhere in a text (whole words: "like"
# holds no IKE).
VPN_MENTIONED = re.compile(
    rf"{_START}(?:vpn\w*|ipsec|ike(?:v[12])?|isakmp|l2tp|sstp|pptp|tunnel\w*|rras|nps|radius|"
    r"ras(?:client|dial|man)?|aovpn|always\s+on|remote\s*access|dotras|eap|peap|strongswan|"
    rf"libreswan|charon|pluto|fortigate|globalprotect|anyconnect|directaccess|ip-?https){_END}|"
    r"vpn|впн|iphttps|httpstunnel|"
    r"隧道|トンネル|터널|туннел",
    re.IGNORECASE,
)
# Said of a VPN right before it to say the text is not about one: "not the VPN stuff",
# "DBA team, not VPN", "nothing to do with the tunnel" ("no VPN connection" is a VPN's).
VPN_DENIED_BEFORE = re.compile(
    r"(?:\bnot|n't|\bnothing\s+to\s+do\s+with|\bunrelated\s+to|\bnicht|\bkein\w*|\bpas|"
    # Portuguese, Spanish, Italian: "não na VPN", "no en la VPN", "non sulla VPN" (an
    # English "no VPN" is the complaint itself)
    r"\bn[ãa]o(?:\s+(?:na|no|da|do))?|\bno\s+en\s+(?:la|el)|\bnon(?:\s+(?:sulla|nella|della))?)"
    r"(?:\s+(?:related|linked)\s+to)?"
    r"\s+(?:(?:the|a|an|our|this|that|der|die|das|den|le|la|du)\s+)?$",
    re.IGNORECASE,
)
# ... or after it: "patching only, VPN unaffected", "the VPN is not affected"
VPN_DENIED_AFTER = re.compile(
    r"[\s-]+(?:(?:is|was|stays|itself)\s+)?(?:unaffected|not\s+affected|unrelated|not\s+involved)\b",
    re.IGNORECASE,
)
VPN_DENIED_REACH = 32
# A Windows VPN client named outright: a generic message beside it counts even unquoted.
STRONG_PLATFORM_CONTEXT = re.compile(
    rf"{_START}(?:windows\s*1[01]|win\s*1[01]|(?:native|built-?in)\s+(?:win(?:dows)?\s*1[01]\s+)?"
    rf"(?:vpn\s+)?client){_END}",
    re.IGNORECASE,
)
# A comparison before a number makes it a bound, not a code: "codes higher than 900".
COMPARISON_BEFORE = LowerCasePattern(
    r"(?:(?:higher|lower|greater|less|more|fewer|bigger|smaller|larger)\s+than|above|below|"
    # (a sign only apart from what comes before: "->" is an arrow, "<Data>" a tag)
    r"under|over|up\s+to|at\s+(?:least|most)|(?<=\s)[<>]=?|[≤≥])\s*$"
)
# A name defined as a constant right after it: "ERROR_IDLE_TIMEOUT: u64 = ERROR_CLASS + 51",
# "ERROR_VPN_TIMEOUT = 809", "ERROR_X syscall.Errno = 13801".
DEFINED_AS = re.compile(
    r"(?:[ \t]*:[ \t]*[\w.:<>]+|[ \t]+[\w.]+)?[ \t]*=[ \t]*(?P<value>[^;,\n}#]+)"
)
# A number in code, with the type suffix its language may give it: 13925u32, 13801L, 0x329UL.
CODE_NUMBER = re.compile(
    r"(?<![\w.])(?P<number>0x[0-9a-f]+|-?\d+)(?:[ui](?:8|16|32|64)|[ul]{1,3})?(?![\w.])", re.I
)
# A message file's entry (.mc): the name is defined by the MessageId above it.
SYMBOLIC_NAME_BEFORE = re.compile(r"SymbolicName\s*=\s*$", re.IGNORECASE)
MESSAGE_ID = re.compile(r"MessageId\s*=\s*(?P<number>0x[0-9a-f]+|\d+)", re.IGNORECASE)
# The SDK's own way of writing RAS codes: "(RASBASE+209)".
SDK_BASES = {"RASBASE": 600, "ROUTEBASE": 900}  # raserror.h and mprerror.h
BASE_OFFSET = re.compile(r"\(?\s*(?P<base>RASBASE|ROUTEBASE)\s*\+\s*(?P<offset>\d+)\s*\)?", re.I)
# A word right before a number that says it is an identifier, not an error code. Read
# backwards from the number (one match, where a search would try every position of the line).
IDENTIFIER_WORDS = frozenset(
    """
    pid tid process thread port room ticket tickets build version ver v ext extension line row
    id job order invoice case incident inc pr issue bug kb page step ref phone zip no num task
    sprint release pull commit object item sr chg req request story epic account acct user uid
    gid session run pipeline node host vm asn vlan floor suite unit apartment apt box lot model
    sku part serial po customer member employee
    ptw permit alarm rule
    salle raum zimmer sala habitacion habitación комната кабинет добавочный доб nebenstelle
    durchwahl poste extension extensión ramal
    facture commande contrat devis dossier rechnung bestellung auftrag vertrag factura pedido
    contrato fattura ordine contratto fatura инн
    postal postale postcode postalcode zipcode codepostal cp plz cap cedex индекс porte
    digicode interphone portail
    seq sequence ack len win ttl sport dport offset length size count cnt mtu udp tcp
    frame frames packet pkt pager beeper bleep tel
    programme episode series season channel studio gallery camera asset contract
    flight gate stand seat batch sample deviation capa sop tag well cabin desk rack slot truck
    """.split()
)
# A number to reach someone at: "page me on 13806 (new pager)", "call us at 13801".
CONTACT_BEFORE = LowerCasePattern(
    r"(?<![a-z])(?:page|call|ring|phone|text|bleep|whatsapp|reach)\s+(?:me|us|him|her|them)\s+"
    r"(?:on|at)\s+$"
)
CONTACT_GLOSS = re.compile(
    r" ?\((?:[^()\n]{0,30}\s)?(?:pager|phone|mobile|cell|extension|ext|tel|beeper|bleep)\)",
    re.IGNORECASE,
)
# What a text may say a number is, after "=" or "is": "(13868 = pid)", "809 is the port".
DEFINED_IDENTIFIERS = frozenset(
    "pid pids tid port vlan ticket serial seq sequence frame packet build version ext room".split()
)
# Identifier words only in capitals: "peer AS 13830" numbers an autonomous system, where
# "shows up as 13801" does not.
IDENTIFIER_CAPITALS = frozenset({"AS"})
# The last part of a CamelCase name: "EventRecordID" ends in "ID".
CAMEL_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[^\W\d_]+")
# Words that begin so, in any inflection: "Kundennummer", "счета", "договоре".
IDENTIFIER_STEMS = (
    *("kunden", "счет", "счёт", "заказ", "договор", "накладн"),
    # a number, a sequence number: "numeru sekwencyjnego 13913", "номер пакета"
    *("numer", "nummer", "numér", "númer", "номер", "sekwencyjn", "sequenz", "séquence"),
    # a ticket in the staff's languages: "tichetul 13868", "التذكرة 13868", "заявка 13806"
    *("tichet", "tiket", "chamado", "заявк", "тикет", "تذكر", "التذكر"),
)
# CJK words have no word edge before them ("チケット番号"): these end the text before a number.
IDENTIFIER_CJK = tuple(
    "内線 分机 房间 会议室 号室 番号 チケット 工单 工单号 工單 工單號 单号 單號 票号 订单 订单号 "
    "訂單 訂單號 发票 发票号 發票 發票號 合同 合同号 注文番号 請求書".split()
)
# Backwards: spaces, maybe a number sign or separator ("Nr.", "n°", "#", ":"), a dot, the
# word ("pid 13820" is the word "pid", and not "p" before a separator "id").
IDENTIFIER_TAILS_REVERSED = (
    # quotes and tags too: a JSON key ('"code_postal": "13001"'), an XML element
    re.compile(r"[\s\"'>]*\.?([^\W\d_]+)"),
    re.compile(
        r"[\s\"'>]*(?:rebmun|\.?on|\.?rn|\.?[°ºo]n|№|ремон|di|#|:|=)[\s\"']*\.?([^\W\d_]+)",
        re.IGNORECASE,
    ),
)
# A word right after a number (or after one descriptive word: "13801 open connections")
# that says it is a quantity. Plurals only: a number as large as a code before a singular
# noun is no count ("is 13806 client side or server side?").
UNIT_AFTER = re.compile(
    # traffic counters: "13806 in, 13801 out"
    r"\s*(?:in|out|rx|tx)\s*(?:[,;/|]|$)|"
    # a share of a whole: "failed dials 742 of 18,350"
    # ("sur" and "de" are also "on" and "from": "Erreur 720 sur 6 postes")
    r"\s+(?:of|out\s+of|von|из)\s+\d|"
    r"\s*(?:(?!(?:for|on|in|at|to|from|with|by|of|and|or|when|since|after|while|no|not)\b)"
    r"[^\W\d_]+\s+)?(?:[^\W\d_]+-)?"
    r"(?:users|people|persons|customers|clients|devices|hosts|machines|"
    r"connections|sessions|requests|packets|pkts|bytes|[kmgt]i?b|[kmgt]?bps|[kmg]?pps|"
    r"[qr]ps|iops|fps|ms|msec|"
    r"s|secs|seconds|mins|minutes|hours|hrs|days|weeks|months|years|rows|records|"
    r"items|tickets|messages|lines|files|events|alerts|emails|times|x|percent|"
    r"dollars|usd|eur|gbp|points|votes|views|downloads|tokens|words|pages|steps|"
    r"calls|jobs|tasks|servers|pods|nodes|vms|instances|accounts|seats|licen[cs]es|"
    r"km|kg|m|mi|miles|meters|feet|ft|tunnels|peers|sas|gateways|sockets|handles|threads|"
    r"processes|entries|blocks|"
    # a counter whose unit a list names once: "13806 packets encrypted, 13801 decrypted"
    r"encrypted|decrypted|encaps(?:ulated)?|decaps(?:ulated)?|discarded|forwarded|"
    r"lizenzen|nutzer|benutzer|utilisateurs|usuarios|licencias|пользовател\w*|лицензи\w*)"
    # strongSwan's counters of each direction: "1380 bytes_i, 13801 bytes_o"
    r"(?:_[io])?\b"
    # CJK counters and rooms follow the number directly, with or without a space.
    r"|\s*(?:会议室|号室|人|名|台|个|個|件|次|室|字|字节|字節|条|條|行|秒|分钟|分鐘|元|块|塊|回|개|명|번|건)",
    re.IGNORECASE,
)
# Characters that glue a number into a larger identifier, version, path or quantity.
GLUE_BEFORE = frozenset("#!-+./\\:@$€£%=~^|")  # "!13843" is a GitLab merge request
GLUE_AFTER = frozenset("-+/\\%@")
# Brackets glue only when attached to a word: "rw[13806]" is an index, "(13806)" is not.
ATTACHED_BRACKETS = frozenset("[(<{")
# After these, a colon or equals sign still introduces the code ("error:13801", "hr=13801",
# "ErrorCode=13801", "错误:13801").
LABEL_BEFORE = LowerCasePattern(
    rf"(?:{_START}(?:{_LABEL}|code|reason|{_ERROR_WORDS}|c[oó]digo|codice|код)|{_ERROR_CJK})"
    r"[\"'\]]?\s*$"
)
# CamelCase error labels with any prefix: failureErrorCode, lastWin32Error, FailureReason.
CAMEL_LABEL = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*?[a-z0-9](?:Error|Err|HResult|Hresult|Status|Reason)"
    r"(?:Code|No|Num|Number|Value)?(?![a-z])"
)
CAMEL_LABEL_BEFORE = re.compile(CAMEL_LABEL.pattern + r"[\"']?\s*$")
# Data, not an error: an instruction before a hex constant ("mov eax, 0x800735E9"), as the
# first word of its line after an address and the instruction's bytes ("80073604: 4B FF FF E5
# bl 0x800735E8"); in a sentence "and", "or", "test" and "back" are words ("shows 0x800B0101
# and 0x800735E9").
OPCODE_BEFORE = re.compile(
    r"^[ \t]*(?:[\w.$@]+:[ \t]*)?(?:[0-9a-f]{2}(?:[ \t][0-9a-f]{2})*[ \t]+)?"
    r"(?:mov[a-z]*|push|cmp[a-z]*|lea|call|jmp|jne|je|test|xor|and|or|add[a-z]*|sub|"
    r"dd|dw|db|dq|bl|blr|bx|lwz|stw|lis|li|la|lui|ori|lw|sw|ldr|str|b[a-z]{1,3}z?|jal|j|"
    r"\.long|\.word|\.quad|\.int)"
    r"\s+(?:[$%]?[\w\[\]+*()$%]+,\s*)*$",
    re.IGNORECASE | re.MULTILINE,
)
# An address or size label before a hex constant: a location, not a status.
DATA_LABEL_BEFORE = LowerCasePattern(
    r"\b(?:address|addr|offset|base|rva|va|ptr|pointer|loc|size|"
    # a certificate's own numbers: "serial starts with 800b0101", "thumbprint: 80070329..."
    r"serial(?:\s+(?:number|no\.?))?(?:\s+(?:starts|begins|ends)\s+with|\s+is)?|"
    r"thumbprint|fingerprint|sha-?(?:1|256)|hash)\s*[:=]?\s*$"
)
# A line of disassembly: an address, a colon, an instruction.
DISASSEMBLY_LINE = re.compile(
    # also inside a comment of decompiled code: "// 0x8007362C: nop"
    r"\s*(?:(?://|#|;|\*|--)\s*)?(?:0x)?[0-9a-f]{6,16}:\s+(?:[0-9a-f]{2,8}\s+)*[a-z.]",
    re.IGNORECASE,
)
# A postcode before a town, in text that speaks of an address.
# (towns are written in capitals on envelopes: "13808 ISTRES CEDEX")
TOWN_AFTER = re.compile(
    r"\s+[A-ZÀ-Ý](?:[a-zà-ÿ]+|[A-ZÀ-Ý]{2,}(?:\s+CEDEX\b|(?=\s*(?:[,.;(]|$))))", re.MULTILINE
)
# A town's name alone after a number ("13016 Marseille,"), or before one in brackets
# ("Marseille (13013)"): for the codes whose numbers are also postcodes.
TOWN_ALONE_AFTER = re.compile(
    r"\s+[A-ZÀ-Ý][a-zà-ÿ]+(?:[- ][A-ZÀ-Ý][a-zà-ÿ]+)*(?=\s*(?:[,.;:!)]|$|\n|\s+cedex\b))"
)
_TOWN = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-(?:[a-zà-ÿ]{1,3}-)*[A-ZÀ-Ý][a-zà-ÿ]+)*"
TOWN_BEFORE_BRACKET = re.compile(rf"{_TOWN}\s*\($")
# "à Ensuès-la-Redonne (13820)", "la clinique d'Istres (13800)": a place after a French "at"
# or "of", for any code.
PLACE_BEFORE_BRACKET = re.compile(rf"(?<!\w)(?:(?:à|au|aux|près\s+de)\s+|d['’]){_TOWN}\s*\($")
# An error label and its number: "Error 635", "错误 0x35E9" (an NPS reason is numbered too).
_ERROR_NUMBER = (
    rf"(?:{_START}(?:err(?:or)?|reason(?:\s+code)?|{_ERROR_WORDS})|{_ERROR_CJK})\s*#?\s*"
    r"(?P<number>0x[0-9a-f]+|-?\d+)"
)
# An NPS reason code right before a message: "reason code 258: ", "Reason 258 - ".
NPS_REASON_BEFORE = re.compile(
    r"\breason(?:\s+code)?\s*#?\s*\d+\s*[:\-–—)]?\s*[\"'«“]?\s*$", re.IGNORECASE
)
# An audit event's field that holds an official message: "4653 ... Failure Reason: Certificate
# Revocation Check failed." (the event's number heads the line, and names no error)
REASON_FIELD_BEFORE = re.compile(r"(?<![a-z])reason\s*:\s*[\"'«“]?$", re.IGNORECASE)
# Another Windows error's number right before a message: "Error 635: Unknown error occurred.",
# "Error 6273 reason 258: The revocation function was...".
OTHER_ERROR_BEFORE = re.compile(rf"{_ERROR_NUMBER}\s*[:\-–—)]?\s*[\"'«“]?\s*$", re.IGNORECASE)
# The same a few words before the quote of a message: 'Error 619 — Windows shows "A ...'.
OTHER_ERROR_BEFORE_QUOTE = re.compile(
    rf"{_ERROR_NUMBER}\s*[:\-–—)]?\s*(?:[^\W\d_]+\s+){{0,3}}[\"'«“„]\s*$", re.IGNORECASE
)
# The same at the start of a quote that holds both: '"Error 691: The remote computer ..."'.
OTHER_ERROR_OPENING = re.compile(rf"[\"'«“]?\s*{_ERROR_NUMBER}\s*[:\-–—)]", re.IGNORECASE)
ADDRESS_WORDS = re.compile(
    r"\b(?:rue|avenue|av\.|boulevard|bd|chemin|all[ée]e|place|impasse|quai|cedex|postal|"
    r"postale|adresse|address|stra(?:ss|ß)e|calle|via)\b",
    re.IGNORECASE,
)
# "Code" that is part of a postcode's name, not an error word.
POSTCODE_NAME = re.compile(
    r"(?<![a-z])(?:code[\s_-]*postal|postal[\s_-]*code|zip[\s_-]*code|c[oó]digo[\s_-]+postal|"
    r"codice[\s_-]+postale|postleitzahl|code[\s_-]*insee|code[\s_-]+porte|digicode)(?![a-z])",
    re.IGNORECASE,
)
# A table's header: how its cells are separated, and the names of an error-code column.
TABLE_SEPARATORS = ("\t", ",", ";", "|")
ERROR_COLUMN = re.compile(rf"{_LABEL}|codes?|error[ _]?code|{_ERROR_CJK}", re.IGNORECASE)
# A line of data whose numbers are figures: `ls -l` output (sizes).
LISTING_LINE = re.compile(r"\s*[-dlcbps][rwxsStT-]{9}[.+@]?\s")
# The value of a Prometheus sample: the number ends a line that starts with a metric name.
SAMPLE_LINE = re.compile(r"\s*[a-zA-Z_:][a-zA-Z0-9:]*_[a-zA-Z0-9_:]*(?:\{[^}]*\})?\s+$")
# Data around a quoted number: a string literal in code or data ('("13827")', '"13825": {',
# '["Otsego", "13820"]'), not a number cited in prose.
LITERAL_BEFORE = frozenset(",([{:=")
LITERAL_AFTER = frozenset(",:)]}")
# A number cited alone between these (opening -> closing).
CITE_MARKS = {
    "«": "»",
    "`": "`",
    '"': '"',
    "“": "”",
    "'": "'",
    "*": "*",
    "_": "_",
    "(": ")",
    "「": "」",
    "『": "』",
}
# A hex constant among this many others on its line is data (an array, a dump).
# A field of a data literal ('    location: "Marseille 13001",'): its name, at the line's
# start, and a quoted value or a comma at the line's end.
_FIELD_NAME = r"[ \t]*[\"']?[A-Za-z_][\w.-]*[\"']?[ \t]*(?::|=>|=)[ \t]*"
DATA_FIELD = re.compile(_FIELD_NAME)
DATA_FIELD_LINE = re.compile(rf"^{_FIELD_NAME}(?:[\"'].*[\"']|.*,)[ \t]*$", re.MULTILINE)
# A decimal code with its hex form in brackets: "13843 (0x3613)".
DECIMAL_BEFORE_HEX = re.compile(r"(?<![0-9])(?P<number>\d{3,5})[ \t]*\($")
# A line whose value is one hex number, maybe named: an array's element, an enum's member, an
# argument on a line of its own ("    0x35E9,", "CMSG_PLAYER_LOGIN = 0x35EA, ///< 7.3.5").
CONSTANT_LINE = re.compile(
    r"[ \t]*(?:(?P<name>[A-Za-z_][\w.:]*)\s*[:=]\s*)?(?P<value>0x[0-9a-f]+)[uUlL]*\s*[,;)]?"
    r"\s*(?:(?://|/\*|#|--).*)?",
    re.IGNORECASE,
)
# A word of a description in a table's cell.
DESCRIPTION_WORD = re.compile(r"[^\W\d_]{2,}")
PREFIXED_HEX = re.compile(r"(?<![0-9a-z])0x[0-9a-f]+", re.IGNORECASE)
HEX_DATA_TOKENS = 4

# Words that tell no message from another.
STOPWORDS = frozenset("a an the to of in on is are was be by for and or with this that".split())
# Terms that make an official message specific to IPsec rather than generic software text.
IPSEC_TERMS = frozenset(
    "ike ipsec sa sas spi sspi diffie hellman payload isakmp mobike cga pkinit nap dos ikeext "
    "rekeys replay main_mode quick_mode tunnel_mode transport_mode machine_certificate "
    # PPP, which only RAS speaks on Windows: "The PPP link control protocol was terminated."
    "ppp".split()
)
# Messages this long are specific enough on their own, whatever their words.
MIN_LONG_MESSAGE_WORDS = 8
MIN_DISTINCTIVE_WORDS = 4
