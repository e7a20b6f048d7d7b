"""Detection of the shapes real incident text takes: localized messages, compound labels,
self-evidence, arrows and full-width punctuation, questions; and the data that is no error."""

from __future__ import annotations

import pytest

from bot.detect.detector import find_codes
from bot.knowledge import KnowledgeBase


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # localized official messages, alone or with a code
        ("win10连接ikev2提示策略匹配错误", [13868]),
        ("错误 13801：IKE 身份验证凭证不可接受。", [13801]),
        ("IKE не удалось найти допустимый сертификат компьютера.", [13806]),
        ("連線失敗：IKE 協商失敗，因為使用的電腦憑證沒有私密金鑰。", [13820]),
        # an MS-CHAP failure packet, as RADIUS servers and pppd send and log it
        ('reply->msg = "E=649 R=0 C=8f2a V=3 M=No dial-in permission";', [649]),
        ('rcvd [CHAP Failure id=0x1 "E=691 R=1 C=00112233 V=3"]', [691]),
        ("dialer log: e=691 chap authentication failed", [691]),
        # CJK puts what a code is between it and the word error; dial-up is RAS context
        ("宽带拨号失败，651一般是调制解调器报告的错误码", [651]),
        # after an error label, the words of the code's localized message
        ("Fehler 647: Konto deaktiviert, bitte bei HR nachfragen", [647]),
        ("erreur 708 : le compte a expiré hier soir", [708]),
        # a short message quoted up to the word that says it is an error
        ('After "Connect" the client shows "Policy Match" error on every try', [13868]),
        # a slug whose word before the number is an error label
        ("git checkout hotfix/ikev2-error-13806-device-tunnel", [13806]),
        ("details in [the runbook](#fehler-13801)", [13801]),
        # compound labels and log shapes
        ("ErrorCode = 13801", [13801]),
        ("RasException (ErrorCode = 13806)", [13806]),
        ('<Data Name="ErrorCode">13801</Data>', [13801]),
        ("dwError=13868", [13868]),
        ('{"NativeErrorCode": 13843}', [13843]),
        ("errCode:13899", [13899]),
        # full-width punctuation (NFKC makes it ASCII) and arrows
        ("错误：13806", [13806]),
        ("13801 -> fixed by the new cert", [13801]),
        ("vpn down again, 13868=> fixed the proposals", [13868]),
        # questions about a code
        ("how urgent is 13868?", [13868]),
        ("anyone else seeing 13843 again", [13843]),
        # self-evidence: the code beside words of its own texts
        ("13868 | POLICY_MATCH | Policy match error", [13868]),
        ("13801 and 13806 are the codes we see", [13801, 13806]),
        ("13805 NegotiationTimedOut / 13813 DropNoResponse on the LTE devices", [13805, 13813]),
        # tables, cmdlet error records, CJK error words, cited numbers
        ("host,error_code,count\nLT-001,13806,14\nLT-007,13801,3", [13806, 13801]),
        ("Connect-VpnS2SInterface : No response from peer.\n+ FullyQualifiedErrorId : x", [13813]),
        ("报错13801：证书的 CN 和服务器地址不一致", [13801]),
        ("*13899* when the pool runs out", [13899]),
        ("「13801」が出ます", [13801]),
        ("wfpdiag: netEvent failureErrorCode=13813 failurePoint=LOCAL", [13813]),
        ("charon: 12[IKE] received N(MS_STATUS(13868)) from Windows peer", [13868]),
        ('<Data Name="FailureReason">%%13817</Data>', [13817]),
        ("Туннель падает с ошибкой 13805, порт 4500 открыт", [13805]),
        ("ユーザートンネルは 13801、デバイストンネルは 13868 で失敗しています", [13801, 13868]),
        (
            "Connexion IKEv2 impossible, Windows affiche : Les informations d’authentification "
            "IKE ne sont pas acceptables.",
            [13801],
        ),
        ("El túnel de dispositivo falla con: Tipo de certificado no válido.", [13819]),
        ("Windows → «13801» à chaque tentative", [13801]),
        # a localized message after the user's own spelling of its Latin word
        ("用ikev1也是无法找到有效的计算机证书", [13806]),
        # an official message quoted from memory, one word off
        ('Windows 11 says "IKE credentials are unacceptable" on the native client', [13801]),
        ("first 13813, and then the retry gave 13805", [13813, 13805]),
        ("13805... then it connects after a minute", [13805]),
        # a number beside a code the text reports stands for a code too
        ('["13806 NoMachineCert", "13819/13820 CertProblems"]', [13806, 13819, 13820]),
        ("MM: 13805, QM: 13814 on the branch tunnel?", [13805, 13814]),
        # a generic message quoted beside a reported code
        (
            '{"value": "13899 InnerIpAssignmentFailure"}, {"value": "Negotiation timed out"}',
            [13899, 13805],
        ),
        # a message retyped with typos, in German quotes
        ("Die Meldung lautet: „Ike credentials are unacceptable”.", [13801]),
        # a metric's label holds the code; its value is a count
        ('ipsec_ike_failures_total{code="13806",gw="ams-02"} 17', [13806]),
        # RAS codes written as errors, with a VPN or rasdial beside them
        ("Error 635: Unknown error occurred. (rasdial, Windows 10 22H2)", [635]),
        ("RasClient 20227: The error code returned on failure is 809.", [809]),
        ("DotRas.RasException (ErrorCode = 691) on the VPN dial", [691]),
        ("SSTP fails, RasClient logs -2146762495", [2148204801]),
        ("Intune shows 0x800B0109 for the VPN profile", [2148204809]),
        ("installing the VPN profile fails with 0x800B0109", [2148204809]),
        ("anyone else getting 0x80092013 today?", [2148081683]),
        # a list after its label, a termination reason, the exit code on the next line
        ("ROUTERLOG_CONNECTING_DEVICE (Errors 633, 676, 678) after event 20222", [633, 676, 678]),
        ("Contoso VPN was terminated. The reason code returned on termination is 829.", [829]),
        ('PS C:\\> rasdial "Contoso VPN"\nPS C:\\> $LASTEXITCODE\n809', [809]),
        ("- Ошибка 789: проблема с сертификатом", [789]),
        # RAS labels in CJK, before or right after the number
        ("L2TP エラー 789", [789]),
        ("公司VPN老是报789错误", [789]),
        ("win10 连接 VPN 出现 809 錯誤", [809]),
        # a label after the number, an error code "is" or "of", a return value in hex
        ("the L2TP/IPsec VPN gives 789 error code on every laptop", [789]),
        ("PEAP users: RasClient says 'The error code is 853.'", [853]),
        ("a RasException with an error code of 668, the connection was terminated", [668]),
        ("RasDial returned 0x329 (809) for the profile", [809]),
        # RAS codes reported or asked about with no error word, in VPN context
        ("since the NPS change half the AOVPN users are getting 812", [812]),
        ("the L2TP profile on the kiosks fails with 766", [766]),
        ("858 again on the VPN for the whole office", [858]),
        ("how urgent is a 691 from the PPTP users?", [691]),
        # a RasClient event pasted as XML, and a list of codes across slashes
        (
            "Source: RasClient, Event ID 20227 ... <Data>SYSTEM</Data> <Data>Corp VPN</Data> "
            "<Data>809</Data>",
            [809],
        ),
        ("Fix error code 800/806/807 on the PPTP VPN", [800, 806, 807]),
        # rows of an old error table: a number and its words, old wordings included
        ("| 621 | Cannot open the specified phone book file. |", [621]),
        (
            "601 The port handle supplied is not valid.\n604 The port information is wrong.",
            [601, 604],
        ),
        # a number alone on its line with its words on the next, and a long old wording
        ("645\nInternal authentication error.\n646\nThe account is not permitted", [645, 646]),
        ("782 – Network Address Translation (NAT) is currently installed as a routing", [782]),
        # a generic message inside another row's text is that row's
        (
            "791 – ...security policy was not found.\n792 – ...security negotiation timed out.",
            [791, 792],
        ),
        # where a failing client is now, and CJK "keeps getting"
        ("device tunnel flapping between 840 and 841 on the Surface laptops", [840, 841]),
        ("L2TP 我一直809，改成 IKEv2 还是这样", [809]),
        # a message quoted with its error's label is what that error showed
        ('VPN: "Error 691: The remote computer rejected the network connection."', [691]),
        # quoted rows, rows after a colon, rows of several codes
        ('"734, 732 | PPP link control protocol termination"', [734, 732]),
        ("VPN error table row: 691 | Access denied due to invalid username/password", [691]),
        # a name defined as the code itself, in any language's way of writing it
        ("ERROR_VPN_TIMEOUT = (RASBASE+209)", [809]),
        ("pub const ERROR_IPSEC_DOSP_BLOCK: WIN32_ERROR = 13925u32;", [13925]),
        # a number glued to "VPN" in CJK writing, with its label after; "a code like"
        ("VPN806错误代码在Windows客户端中出现", [806]),
        ("type a VPN error code like 809 or 691 into the decoder", [809, 691]),
        # a numbered list's rows, a quoted number with a CJK label, a point-to-site client
        ("2. 630 The port was disconnected due to hardware failure.", [630]),
        ("宽带拨号提示“691”错误，PPPOE 认证失败", [691]),
        ("P2S client won't connect, just error 0x8007026f", [623]),
        # a label a few words before the quoted message it showed
        (
            'Error 619 — Windows shows "A connection to the remote computer could not be '
            'established, so the port was closed."',
            [619],
        ),
        # Belarusian and Ukrainian error words
        ("VPN: памылка 720 пры падключэнні", [720]),
        # the product between the label and its number
        ("Калі вы сутыкнуліся з памылкай VPN Microsoft 720 у Windows 10", [720]),
        # an error label and the start of its long message: no VPN word needed
        ("Error 691: The remote connection was denied because the user name and password", [691]),
        # another error's number before a message that opens the same way
        ("Error 619 - A connection to the remote computer could not be established.", [619]),
        # a whole message beats its first sentence, punctuation and all
        (
            '"A connection to the remote computer could not be established, so the port used '
            'for this connection was closed." on SSTP',
            [619],
        ),
        # an XML record number is no companion of a reported code
        ("<EventRecordID>13806</EventRecordID><Data>error 13801</Data>", [13801]),
        # DirectAccess and AuthIP are IPsec context for a Security audit's failure reason
        (
            "AuthIP keying module on DirectAccess: Failed to authenticate using Kerberos.",
            [13827],
        ),
        # DirectAccess's IP-HTTPS is remote access, even beside a certification authority
        (
            "Get-NetIPHttpsState shows 0x800b0109: the certification authority is not trusted",
            [2148204809],
        ),
        # the zh-CN RasClient event's "the error code returned on failure is", and "809 fault"
        ("拨号连接已失败。失败后返回的错误代码为 809。", [809]),
        ("win11 的 l2tp/ipsec 连接一直是809异常", [809]),
        # ISDN and multilink are RAS links; the number in brackets after the failure
        ("Error 629 with ISDN Multilink on the branch router", [629]),
        ("Windows 10 VPN client failed to connect (809), charon log below", [809]),
        # a localized message right after another error's number is that error's wording
        ("PPPoE错误619：指定的端口未连接 - 检查网络适配器", [619]),
        # error and connection words of more languages; "still 691"
        ("VPN bağlantısı kurulamadı, hata 809", [809]),
        ("Kết nối VPN bị lỗi 691", [691]),
        ("موقع اتصال به سرور ارور 720 میده", [720]),
        ("vpn 拨号仍然691", [691]),
        # a dialer, and remote access in other languages, are RAS context
        ("Error 651 when I start the dialer in Windows 7", [651]),
        ("Aparece erro 691 no acesso remoto dela.", [691]),
        # a decimal code's hex form in brackets, broken by a docs page, is no other code
        ("13816 (0x35f 8)\nUnbekannter Fehler.", [13816]),
    ],
)
def test_real_text_shapes_are_found(kb: KnowledgeBase, text: str, codes: list[int]) -> None:
    assert find_codes(kb, text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "mov eax, 0x800735E9",
        "static const DWORD table[] = { 0x8007364B, 0x80073600, 0x800735E9, 0x00000001 };",
        "code postal 13008 Marseille",
        "Adresse : 12 rue de Rome, 13006 Marseille",
        "seq=13801 ack=1 win=64240",
        "JIRA-13806 done",
        "我今天很忙，明天再说",
        ".word 0x800735E9, 0x800735EE, 0x8007362C  ; jump table",
        "80073604: 4B FF FF E5   bl 0x800735E8",
        "[13801] closed as won't fix",
        "チケット番号 13806 はクローズしました。VPN は正常です。",
        "工单号 13868 已解决，VPN 恢复正常。",
        "the test harness uses UDP 13910 for its own heartbeat",
        "13801 open sockets on the RRAS box right now",
        "Sequence: 13913, looks normal, packets flowing",
        "call the NOC on ext. 13806 if the tunnel drops",
        "| 策略匹配错误 | 标签选择器语法错误 | `kubectl get pods` |",
        "Le bureau a déménagé : 40 boulevard de la Blancarde, 13004 Marseille. Code postal 13004",
        "Le colis est bloqué au centre de tri 13016 Marseille, erreur d'adressage.",
        "Le bureau de Marseille (13013) n'a plus de VPN, mais aucun code d'erreur",
        "Drucker meldet einen Fehler",
        # business records beside an error word, in other languages
        "Erreur sur la facture n° 13843, merci de corriger le montant.",
        "Ошибка в счете 13806: сумма не совпадает с заказом.",
        "Fehler in Rechnung Nr. 13819, bitte prüfen",
        # places in brackets after a French "at"
        "Maison à vendre à Velaux (13880), erreur de prix corrigée",
        "Séminaire à Mouriès (13890) puis à Saint-Martin-de-Crau (13310) : code vestimentaire",
        # MIPS disassembly with register operands
        "lui $a0, 0x8007\nbnez $v0, 0x800735EE\naddiu $sp, $sp, 16",
        # decompiled code: addresses in comments
        "    // 0x80073640: jr $ra\n    return;",
        # numbers quoted as string literals in code and data
        '["Otsego", "13820"], ["Broome", "13826"]',
        'if (mutant("13827") ? ok : skip(timeoutMs)) {}',
        '"13825": {"expDef": 0.744, "expFrag": 0.938}',
        # a file size in a listing, a metric's value, a merge request, a sequence number
        "-rw-r--r-- 1 root root 13843 Mar  3 10:12 /etc/ipsec.d/ikev2.conf",
        'ike_sa_total{state="failed"} 13812',
        "the IKE fix is in GitLab !13843",
        "ESP(spi=0xc1a2b3d4,seq=0x35ee), length 132",
        # RAS numbers that are something else
        "the VPN gateway listens on port 809 and took 720 ms",
        "build 19045.809 fixed the VPN client",
        "691 users connected to the VPN today",
        "the VPN800 gateway error log rotated",
        "Fehler beim Hinzufügen des Treibers zum System. Fehler 0x800B0109",
        # another protocol's constant of the same name, and a bound
        "pub const ERROR_IDLE_TIMEOUT: u64 = ERROR_CLASS + 51;",
        # another product's error of the same number, a warning that reports success
        "the app behind the VPN: Error Code : 942 / ORA-00942: table or view does not exist",
        "WARNING_IPSEC_MM_POLICY_PRUNED (13024): the policy was added, so no error here",
        # HRESULT constants in source code, a generic message of another protocol
        "switch (problem) {\n  case -2146762495: // CERT_E_EXPIRED\n    return true;",
        "VPN monitor: SMTP TLS negotiation timed out (port 587)",
        "l2tpd: Invalid Tunnel ID (T12a) - not a number",
        # another message file's entry whose name looks like a current code's
        "MessageId=702 Facility=IPSEC Severity=Error SymbolicName=IPSEC_BAD_SPI Language=English",
        "VPN error codes higher than 900 come from RRAS routers",
        # certificate HRESULTs of other software, with no VPN in the text
        "winget install fails: 0x800B0101 A required certificate is not within its validity",
        "git clone: schannel: CRYPT_E_REVOCATION_OFFLINE (0x80092013)",
        "Add-AppxPackage error 0x800B0109 on the kiosk image",
        "we are getting 700 VPN users a day",
        "seeing 650 ms on the VPN again",
        "<Data>809</Data> in an unrelated application event",
        "VPN portal error 809 users",
        "VPN invoice total $13,801 this month",
        # postcodes as JSON fields and door codes
        '{"ville": "Marseille", "code_postal": "13008", "erreur": null}',
        "Livraison au 3 rue Paradis, erreur d'étage. Code porte 13805.",
        # an XML record number beside a reported code
        # a value in a data literal: only its own field says what it is
        'status: "done",\n    location: "Marseille 13001",\n    teamSize: 5,',
        "['code' => '13212', 'postalCode' => '13012', 'name' => 'Marseille 12'],",
        # other software's TLS errors: C headers, .NET's HTTP stack, WCF, curl's schannel
        "#define QUIC_STATUS_REFUSED HRESULT_FROM_WIN32(ERROR_CONNECTION_REFUSED) // 0x800704c9\n"
        "#define QUIC_STATUS_ABORTED HRESULT_FROM_WIN32(ERROR_REQUEST_ABORTED)",
        "System.Net.Http.HttpRequestException: SSL failed (0x80090326)",
        "System.ServiceModel.Security.SecurityNegotiationException: CRYPT_E_REVOCATION_OFFLINE",
        "schannel: next InitializeSecurityContext failed: Unknown error (0x80092013)",
        # C# switch arms, Python, image capture, app package signatures, TLS proxies
        'unchecked((int)0x800B0101) => new(signed, false, signer, "expired", status),',
        "def codes_in(text):\n    # codes: 0x800704C9, ERR-404\n    if found:\n        return 1",
        "Se produce un error en una captura de imagen con el código de error 0x80070040.",
        "| 0x800B0109 | La cadena que firmó el paquete de aplicación no es de confianza |",
        "the TLS inspection proxy re-signs traffic: CERT_E_UNTRUSTEDROOT in the browser",
        # SQL Server's error line, and a download tool's TLS handshake
        "VPN users see slow reports; the DB logs Error: 823, Severity: 24, State: 2.",
        "errorCode=1 SSL/TLS handshake failure: CRYPT_E_REVOCATION_OFFLINE (80092013)",
    ],
)
def test_data_and_everyday_numbers_are_no_codes(kb: KnowledgeBase, text: str) -> None:
    assert find_codes(kb, text) == []


def test_a_hex_code_with_a_label_in_a_row_of_hex_still_counts(kb: KnowledgeBase) -> None:
    text = "regs 0x0 0x1 0x2 0x3 error=0x800735E9"
    assert find_codes(kb, text) == [13801]


def test_a_quoted_generic_message_counts_from_a_windows_vpn_client(kb: KnowledgeBase) -> None:
    assert find_codes(kb, 'Windows 10 client connecting says "Policy match error"') == [13868]
    assert find_codes(kb, "the group policy shows Policy match error in gpresult") == []
    assert find_codes(kb, 'got "Invalid header" from curl on windows') == []


def test_a_localized_message_worded_a_little_otherwise_is_found(kb: KnowledgeBase) -> None:
    # the German docs word 13806 "IKE konnte das gültige Computerzertifikat nicht finden ...";
    # Windows and people who retype it word it a little otherwise
    text = (
        "IKE konnte ein gültiges Computerzertifikat nicht finden. Wenden Sie sich an Ihren "
        "Netzwerksicherheitsadministrator, um ein gültiges Zertifikat im entsprechenden "
        "Zertifikatspeicher zu installieren."
    )
    assert find_codes(kb, text) == [13806]


def test_a_sentence_two_messages_open_with_means_the_one_people_meet(kb: KnowledgeBase) -> None:
    # 809 and 811 open with the same sentence in every language; 809 is the common one
    shared = (
        "La connexion réseau entre votre ordinateur et le serveur VPN n’a pas pu être "
        "établie car le serveur distant ne répond pas."
    )
    assert find_codes(kb, shared) == [809]
    german = (
        "„Die Netzwerkverbindung zwischen Ihrem Computer und dem VPN-Server konnte nicht "
        "hergestellt werden, da der Remoteserver nicht reagiert.“ Mit Handy-Hotspot geht es."
    )
    assert find_codes(kb, german) == [809]
    # the rest of 811's message tells it apart (Windows shows it with its typo), as does
    # its number beside the shared opening
    assert find_codes(kb, kb.by_code[811].message) == [811]
    row = (
        "<dt>ERROR_VPN_BAD_PSK</dt> <dt>811</dt>\n"
        "<td>因為遠端伺服器沒有回應，所以無法建立您的電腦與 VPN 伺服器之間的網路連線。</td>"
    )
    assert find_codes(kb, row) == [811]
    assert find_codes(kb, "Le serveur de la cantine ne répond pas depuis ce matin, désolé.") == []
    # a quoted clause that 808's and 809's messages open with is 809's too; 808's rest is its own
    clause = (
        '"The network connection between your computer and the VPN server could not be '
        'established." on Windows 11'
    )
    assert find_codes(kb, clause) == [809]
    assert find_codes(kb, f'"{kb.by_code[808].message}" on Windows 11') == [808]


def test_a_long_localized_message_pasted_cut_short_is_found(kb: KnowledgeBase) -> None:
    italian = next(m.text for m in kb.localized if m.code == 864 and m.lang == "it-IT")
    cut = italian[: int(len(italian) * 0.75)]
    assert find_codes(kb, f'magazzino: "{cut}" sui PC nuovi') == [864]
    # 857's and 858's messages differ in their last word ("ungültig", "abgelaufen"): the
    # opening they share names neither
    german = next(m.text for m in kb.localized if m.code == 858 and m.lang == "de-DE")
    assert 857 not in find_codes(kb, german.replace("abgelaufen ist.", ""))


def test_a_message_several_codes_share_says_neither(kb: KnowledgeBase) -> None:
    # 13809-13812 share their whole message, and none is met more than the others
    assert find_codes(kb, "IPsec: Negotiation request sat in Queue too long.") == []


@pytest.mark.parametrize(
    "text",
    [
        # a program's constants: an array's elements, an enum's members
        "static u32 talk_ids[] = {\n    0x35E9,\n    0x35EA,\n    0x0000\n};",
        "    OPCODE_LOGIN          = 0x35EA, // 7.3\n    OPCODE_LOGOUT         = 0x35EB, // 7.3",
        # another constant family's name that holds a message's words
        "#define STATUS_IPSEC_INTEGRITY_CHECK_FAILED cpu_to_le32(0xC0360006)",
        # another product's table of errors, in its own words
        "| Error Code | Description |\n|---|---|\n| 900 | Internal error, such as a database "
        "timeout. |\n| 950 | Merchant is not configured for the risk service. |",
    ],
)
def test_constants_and_other_products_tables_are_no_codes(kb: KnowledgeBase, text: str) -> None:
    assert find_codes(kb, text) == []


def test_a_hex_constant_labelled_as_an_error_or_beside_a_vpn_still_counts(
    kb: KnowledgeBase,
) -> None:
    assert find_codes(kb, "ErrorCode = 0x35E9,\nReason = 0x0000,") == [13801]
    assert find_codes(kb, "retryable VPN errors:\n    0x35E9,\n    0x35F8,") == [13801, 13816]
    assert find_codes(kb, "0x364B") == [13899]


def test_a_ras_table_in_its_own_words_still_counts(kb: KnowledgeBase) -> None:
    text = (
        "| Error Code | Description |\n|---|---|\n"
        "| 691 | The remote connection was denied because the user name and password "
        "combination you provided is not recognized |"
    )
    assert find_codes(kb, text) == [691]


@pytest.mark.parametrize(
    "text",
    [
        "rasdial with a made-up entry name returns `623`",
        "rasdial __probe__ a b 返回 `623`（找不到条目）",
        "the VPN still fails with error `691`",
        # the RAS components' own tracing
        "RASSNA.DLL internal tracing\n66:b6 RasSna1 DeviceWork: LastError = 623",
    ],
)
def test_ras_codes_returned_quoted_or_in_ras_tracing_count(kb: KnowledgeBase, text: str) -> None:
    assert find_codes(kb, text) == [691 if "691" in text else 623]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a RAS code as the subject of a status line: whom it hits, or since when
        ("VPN: 853 for three users since Monday", [853]),
        ("AOVPN user tunnel: 853 on ~40 machines since the new template", [853]),
        ("warehouse scanners still on PPTP -> 806 since the ISP swapped the router", [806]),
        ("L2TP folks in Madrid all on 789 since this morning", [789]),
        ("812 bei allen externen Dienstleistern seit dem NPS-Update", [812]),
        ("795: NPS policy only allows SSTP and IKEv2 now", [795]),
        # what the text calls the error, after a slash
        ('VPN-Zugang verweigert (Fehler 691/Policy "MW-VPN")', [691]),
        # the RAS client's event in other languages
        ("RasClient: Hatada döndürülen hata kodu 1460.", [2147943860]),
        ("впн пишет ошибка 809", [809]),
        # Polish in its cases, a certificate in the languages the staff write
        (
            "Raport zmiany: 5 zgłoszeń z błędem 809, 2x 13806 (brak certyfikatu maszyny)",
            [809, 13806],
        ),
        # a VPN cmdlet's error record, a peer's terms, a report word
        ("+ FullyQualifiedErrorId : VPN 623,Get-VpnConnection", [623]),
        ("Traffic Selectors negotiation failed (842) - narrow proxy-id on the PA", [842]),
        ("06:30 helpdesk sees 858 on the user tunnel", [858]),
        # "again" and "still" in other languages, a tally of each code, what a code means
        ("VPN ok nu? nee. weer 691 bij dr. Bakker, wachtwoord verlopen", [691]),
        ("17 VPN tickets: 9x 691 (pw expired), 5x 812 (old MSCHAPv2 profile)", [691, 812]),
        ("quick one: 868 means the rras name doesn't resolve right?", [868]),
        # two codes weighed against each other
        (
            "quick q: 691 vs 812 - which one does the client show when NPS has MSCHAPv2 off",
            [691, 812],
        ),
        # a short message beside the words of a tunnel's proposals, a concentrator, a CRL
        ("В журнале: Ошибка соответствия политики. Похоже, группа DH не совпадает", [13868]),
        ("failed to verify signature after the cert rollover on the concentrator", [13826]),
        ("u klienta w Krakowie dalej 13817, CRL niedostępny z zewnątrz", [13817]),
        # a generic message right before another code's number names that code
        ("diffie-hellman failure 13822 after changing to DH group 24 on one side", [13822]),
        # a number where a code stands and then its own words, with no VPN word
        ("kiosk 4 at the front desk: 798, no certificate for this EAP to use", [798]),
        ('the new hire fails with 647 "The account is disabled." since Monday', [647]),
        ("another 786 (no valid machine certificate) on the loaner laptop", [786]),
        # "again" in Swedish, Hindi-English reports, a tally after each code
        ("627 igen från Göteborg, SSTP", [627]),
        ("sab remote users ko 691 aa raha hai since the NPS change", [691]),
        ("night shift on the vpn: 809 x14, 691 x3", [809, 691]),
        # a number in brackets after its own words; what a triage note pins a code to
        ("the laptop says the remote computer did not respond (721) every morning", [721]),
        ("pinned for the desk: 789 = L2TP security layer, 691 -> password", [789, 691]),
        # and a number a RasClient event points to, then its own words
        ("event 20227 -> 734 (PPP link control protocol was terminated) after auth", [734]),
        ("moved the secret, now 939 invalid RADIUS response on both NPS boxes", [939]),
        # a status word, a word of how often, Romanian's definite "the error"
        ("834 during the patch window, RasMan stopped on the jump hosts", [834]),
        ("intermittent 806 on the user tunnel since the firewall change", [806]),
        ("utilizatorul primește eroarea 691 la VPN, parola a expirat", [691]),
        # a short message that is a piece of the number's own message just before it
        ("L2TP users: 792, security negotiation timed out at the edge", [792]),
        # a message quoted word for word over a longer one that is only roughly there
        ('"The account is not permitted to log on at this time of day." on the VPN', [646]),
        # PPP names the RAS client in a short message
        ("rugged tablet: 'The PPP link control protocol was terminated.' on LTE", [734]),
        # a code's occurrences after a comma
        ("night recap: 691s are expired passwords, 812s are the old SSTP profile", [691, 812]),
        # what a device gets, alone after its colon
        ("demand-dial from RRAS to the depot router: 919, it wants CHAP", [919]),
        ("L2TP on the contractor laptop: 835. the cert has no SAN for the IP", [835]),
        # a RAS number in its HRESULT form beside a VPN word, a cause and an arrow to its code
        ("the VPN: 0x800702B3, password changed on the kiosk", [691]),
        ("contractor account expired -> 708. HR is on it", [708]),
        ("user cert on the crew laptop expired yesterday -> 854. reissued via SCEP", [854]),
        # a site-to-site tunnel in any language
        ("התקלה ב-site-to-site: קודם 13868 ועכשיו 13801", [13868, 13801]),
        # the VPN's own sentence, whatever program another sentence names
        ("the SSTP VPN fails with 0x800B0101 since the cert expired. git is fine.", [2148204801]),
        ("after the Windows Update the VPN fails with 0x800B0101", [2148204801]),
        # an error label and the topic of the number's own message, in any language
        ("a Genova il PC della pesa dà errore 691 da stamattina, password cambiata ieri", [691]),
        ("エラー 691 が出ます。パスワードは昨日変更しました。", [691]),
        ("I received error 741/742, which says there is an encryption mismatch", [741, 742]),
        ("I get an error 768 (encryption failed) when connecting from XP", [768]),
        # pppd is the RAS client's peer; an NPS reason quotes the HRESULT the check failed with
        ('pty patch for pppd which prevents "Error 737" loopback errors', [737]),
        # a code reported beside the topic of its own message, with no VPN word
        ("drivers on the A2 corridor getting 807 drops mid-scan, handheld reconnects", [807]),
        # an English word that is also an instruction's mnemonic, before a second code
        ("the VPN shows 0x800B0101 and 0x800735E9", [2148204801, 13801]),
        ("rasdial gives back 0x800735E9 on the IKEv2 profile", [13801]),
        # "gets" in Norwegian
        ("bruker på Forus-kontoret får 868 på SSTP-profilen", [868]),
        # a VPN protocol and the error it gave
        ("| VPN 1 user | L2TP 789, compte verrouillé, config | < 20 min |", [789]),
        ("L2TP 789 and PPTP 806 on the old profiles", [789, 806]),
        # a how-to's heading in its own language
        ("  * [Windows 错误 809](#windows-错误-809)", [809]),
        (
            "NPS event 6273, reason code 258: 'The revocation function was unable to check "
            "revocation for the certificate.'",
            [2148081682],
        ),
        # what the VPN's own parts say; a tunnel ending with a code; when a status line's hits
        ("OB3 can't bring the device tunnel up over 4G, RasClient says 809", [809]),
        ("NPS-01 not answering, RRAS logs 930 for every RADIUS request", [930]),
        ("on-board tablets drop with 807 every time the train enters the tunnel", [807]),
        ("12 reporters on 854 this morning, their user certs expired", [854]),
        # a gloss of the code's own words in brackets; an IPsec code's occurrences
        ("AOVPN triage: 14 users with 853 (cert invalid), 6 with 854 (expired)", [853, 854]),
        ("717 on rras01, same thing as the 13899s yesterday but on SSTP", [717, 13899]),
        # error words and suffixes of more languages
        ("Mae'r VPN yn methu eto, gwall 812 ar bob gliniadur", [812]),
        ("site-to-site alagút reggel óta 13805-tel esik le", [13805]),
        ("13860 storm on the Brno box, the one carrying 2,400 SAs", [13860]),
        # an audit event's failure reason, with its number heading the line
        ("4653 on rras01 again, Failure Reason: Certificate Revocation Check failed.", [13817]),
    ],
)
def test_incident_chat_shapes_count(kb: KnowledgeBase, text: str, codes: list[int]) -> None:
    assert find_codes(kb, text) == codes


@pytest.mark.parametrize(
    "text",
    [
        # figures, not a paste of codes: a release's bug numbers, a font's widths
        "  13696, 13698, 13717, 13741, 13759, 13761, 13763, 13881, 13939, 13950,",
        "  13355 13413 13470 13528 13587 13645 13703 13762 13821 13879 ",
        # a version, a count in Chinese, a sequence number in Polish
        "the VPN gateway firmware is 13.1.812 on both nodes",
        "VPN 日志：连接拒绝长错误 720 字完整保留",
        "the VPN pool went from 700 vs 800 users in a week",
        "VPN pool: 800 means 800 addresses, 2x 1000 Mbps uplinks, 3x 800 users",
        "Tunel: pakiety ESP od numeru sekwencyjnego 13913 w górę giną",
        # a packet capture's frame, a documentation comment's tag
        "frame 13806 in the pcap is the first IKE_SA_INIT retransmit",
        "    /**\n     * @error 13806\n     * @param string $name\n     */",
        # a Windows tool's Win32 error over a tunnel
        "robocopy over the site-to-site:\n2024/03/14 10:02:17 ERROR 64 (0x00000040) Copying File",
        # a certificate authority's own trouble
        "Attempting to start the subordinate certificate authority: 0x80092013",
        # an IKE daemon's own log strings, and a message quoted without its distinctive word
        '        case FAILED:\n            DBG1(DBG_IKE, "integrity check failed");',
        'static const char *names[] = {\n    "badMessageCheck - integrity check failed",',
        # issues in a changelog, inline code in documentation, a Win32 constant in a VPN's code
        "bugs fixed:\n  #636: KLIPS compilation error\n  #642: ipsec_xmit.c compile issue",
        "#935: 935: Openswan refuses to start after crash",
        "By default ``n`` is :code:`64` (the IPSec default) for the tunnel",
        "return openvpn_errno() == ERROR_NETNAME_DELETED; // tunnel timeout",
        # a clause of 809's message is no misquote of 650's
        "IKEv2 profile, popup just says the remote server is not responding",
        # no MS-CHAP packet without its retry flag, no slug without an error label
        "E=691 kV in the field plot",
        "E=812 R=2",
        "release-13806-x64.zip on the build share",
        # a certificate's serial number that happens to look like an HRESULT
        "the new SSTP cert's serial begins with 800b0109, funny coincidence",
        # reason codes of NPS, defined one by one; a number in brackets beside other words
        "NPS reason codes: 48 = no matching policy, 64 = authentication method not enabled",
        "the kiosk (801) in room 4 on the vpn",
        # a share of a whole, a screen size, an error the text says is not the VPN's
        "VPN report: failed dials 742 of 18,350 this week",
        "VPN kiosk display is 800 x600 on the old terminals",
        'setup fails: "Error 740: The requested operation requires elevation." - not related '
        "to the VPN",
        "Windows Update: 0x800B0109 from WSUS on the kiosks, VPN unaffected",
        # a count of devices, a device's port, a figure that goes on
        "VPN clients: 812. servers: 4",
        "RRAS box: 700 sessions at peak",
        # an installer's HRESULTs on the VPN client, a cause leading to a count, an AS number
        "IME log on the VPN client: (0x80070004), (0x8007026B), Access is denied.(0x80070005)",
        "password expired -> 648 users locked out",
        "BGP over the s2s: our ASN 65515, peer AS 13830, session flapping every 90s",
        # another program opens the sentence that reports a certificate HRESULT
        "Windows Update on the RRAS box threw 0x800B0101 too, separate from the SSTP ticket",
        "signtool sign on the AOVPN install script fails with 0x800B0101 on the build box",
        # a counter whose unit the list names once
        "s2s tunnel stats since the rekey: 13806 packets encrypted, 13801 decrypted, 0 errors",
        # a topic word beside a number whose message names another topic, or on another line
        "error 809 again, password is fine",
        "error 691\nthe password policy changed last week",
        # a permit, a firewall rule, an alarm; a process's id, a number the text says is one
        "Ingen feilkoder i RRAS-loggen. PTW 13806 er lukket.",
        "CRL not reachable over the tunnel since FW rule 13884 was removed",
        "SCADA alarm 13913 HH on separator V-2001, the IPsec tunnel flapped",
        "туннель до Azure поднялся, SA живой. PID charon 13860, перезапускать не надо",
        "(13868 = pid) the IKE peer still sends the old PSK",
        # another program's HRESULT, the VPN named as not involved, in Portuguese
        "o código 0x800B0101 foi no instalador do SAP GUI, não na VPN",
        # a protocol's count, a breakdown of figures by protocol
        "SSTP 700 sessions at peak on rras01",
        "rras-ams-02: 809 active connections (SSTP 612, IKEv2 197).",
        # a certificate request's HRESULT is the CA's answer
        "[-] Got error while trying to request certificate: code: 0x80092013 - "
        "CRYPT_E_REVOCATION_OFFLINE",
        # figures listed by name, one of them no code; counters; contacts; tickets; postcodes
        "new service desk extensions: Toluca 7813, Songdo 13806, Debrecen 13817. VPN queue",
        "ipsec statusall: mes-net{41}: 1380 bytes_i, 13801 bytes_o, rekeying in 41 minutes",
        "if the Brookmere tunnel drops tonight page me on 13806 (new pager)",
        "fixed in PR #853 (cert invalid on AOVPN)",
        "SOC: تم إغلاق التذكرة 13868 بعد التحقق، لا يوجد خطأ في النفق",
        "la nouvelle clinique d'Istres (13800) aura son tunnel S2S vers Azure",
        "TX schedule for the VPN: programme 13801 at 21:00 from studio C",
    ],
)
def test_incident_chat_lookalikes_are_no_codes(kb: KnowledgeBase, text: str) -> None:
    assert find_codes(kb, text) == []


def test_the_same_shapes_from_the_windows_vpn_still_count(kb: KnowledgeBase) -> None:
    assert find_codes(kb, "IKEv2 tunnel down: ERROR_NETNAME_DELETED from RasClient") == [2147942464]
    assert find_codes(kb, "RasClient: the error code returned on failure is 1460.") == [2147943860]
    assert find_codes(kb, "IPsec integrity check failed. on the branch tunnel") == [13915]


def test_a_pasted_list_of_codes_still_counts(kb: KnowledgeBase) -> None:
    assert find_codes(kb, "13801, 13806") == [13801, 13806]
    assert find_codes(kb, "13821 13879") == [13821, 13879]


def test_an_ascii_first_sentence_of_a_localized_message_names_no_neighbour(
    kb: KnowledgeBase,
) -> None:
    # 809's and 811's German first sentence, in ASCII letters: the common one of the two
    # (as in any other letters), not 808, whose own first sentence still is
    shared = (
        "Die Netzwerkverbindung zwischen Ihrem Computer und dem VPN-Server konnte nicht "
        "hergestellt werden, da der Remoteserver nicht reagiert."
    )
    assert find_codes(kb, shared) == [809]
    own = shared.replace("nicht reagiert", "die Verbindung verweigert hat")
    assert find_codes(kb, own) == [808]


# Shapes of real incident text, each kind under its heading.
REAL_TEXT_SHAPES = [
    # a slash joins two codes and nothing else
    ("IKE errors 13801/13806 on both gateways", [13801, 13806]),
    ("L2TP VPN fails: error 789/809 depending on the site", [789, 809]),
    ("see /13801/ in the path", []),
    ("port 13801/udp open", []),
    ("VPN error 13801/0806", []),
    ("VPN error 13801/138060", []),
    # vpn context in ports hosts audits and sequences
    # the IKE ports and VPN hosts' names are VPN context
    ("3 users cant connect, error 809. home router blocks udp 500/4500?", [809]),
    ("2) rras04 - 13899, pool exhaustion", [13899]),
    ("error 809 on vpn-gw2 since the firmware update", [809]),
    ("error 809 from the print server", []),
    # IPsec's audit events and isolation rules make a short official message IPsec's
    (
        "domain isolation rule: 4653 says Failure Reason: Failed to authenticate using Kerberos.",
        [13827],
    ),
    # a sequence of codes: "first N, then ... M"
    ("old L2TP profile: first 789, then after switching protocol 720.", [789, 720]),
    ("the VPN rollout: first 500, then 600 users", []),
    # a certificate hresult of software that says it is no vpn is not answered
    ("SQL Server: SSL Provider: error 0x800B0109 in the connection string test. not VPN", []),
    ("certutil -verify on the web cert gives 0x800B0101. the IIS cert, not the VPN one", []),
    ("SignTool Error: WinVerifyTrust returned error: 0x800B0109 - not the VPN stuff", []),
    ("no VPN connection: 0x800B0101 on every AOVPN client", [2148204801]),
    ("AOVPN fails with 0x800B0109, not the usual 809", [2148204809, 809]),
    # codes in scripts lists and reported lists
    # a script compares its error variable with the code
    ('if "%errorid%" == "623" (\n    echo "%VpnName%" not found', [623]),
    ("if ($err -eq 691) { Write-Host 'VPN auth failed' }", [691]),
    # a list that says what each code is, under a heading about codes, in VPN text
    (
        "VPN runbook. Common codes to watch for:\n- **628** → No dial permission\n"
        "- **691** → Wrong credentials",
        [628, 691],
    ),
    ("VPN portal. Common status codes:\n- **404** → Not found\n- **700** → custom", []),
    # a report heads the list the number is in
    (
        "If recent RasClient events show 651, 628, 691, the client reaches the VPN",
        [651, 628, 691],
    ),
    # hungarian joins its suffix to the code
    ("VPN-ügyfél hiba: a kapcsolat megszakadt. (812-es hiba)", [812]),
    ("a VPN 798-as hibát ad", [798]),
    ("IKEv2: 13801-es hiba a kliensen", [13801]),
    ("VPN 812-es porton", []),
    # numbers keying a switch or map of error codes
    (
        'VPN client\nswitch (errorCode)\n{\n    case 691:\n        return "bad password";\n'
        '    case 809:\n        return "no answer";\n}',
        [691, 809],
    ),
    (
        '// VPN dialer\nvar hint = code switch\n{\n    789 => IpsecHint(),\n    _ => ""\n};',
        [789],
    ),
    ('RAS_ERRORS = {\n    "623": "VPN entry not found",\n}', [623]),
    # a switch over what the dialer's call returned, an arm in brackets
    (
        'ret = RasDial(...);\nswitch(ret)\n{\ncase 651:\n    msg += tr("重新拨号");\n    break;\n'
        "case(691):\n    break;\n}",
        [651, 691],
    ),
    ("switch(ret)\n{\ncase 651:\n    width = 2;\n}", []),
    ('switch (httpStatus) {\n  case 700: return "VPN";\n}', []),
    ('VPN_PORTS = {\n    "700": "lab gateway",\n}', []),
    # a message quoted word for word, with the quote marks and commas Windows puts in it
    (
        "IMG-WS-0388: The VPN connection cannot be completed because the 'IKE and AuthIP IPSec "
        "Keying Modules' service and/or the 'Base Filtering Engine' service is not running.",
        [827],
    ),
    # the words after an error's number are its text, though they are most of another's
    (
        "VPN errors:\n- Error 628: connection was terminated by the remote computer before "
        "it could be completed",
        [628],
    ),
    # a message's words across a line's end and a comment's are no quote of it
    ("/* ignored if the type is unsupported */\nid = identification_create(str);", []),
    # the wording of Microsoft's translated VPN troubleshooting pages, as people paste it
    (
        "**Síťové připojení mezi počítačem a serverem VPN nepodařilo vytvořit, protože "
        "vzdálený server neodpovídá.**",
        [809],
    ),
    (
        "Uzak sunucu yanıt vermediği için bilgisayarınızla VPN sunucusu arasındaki ağ "
        "bağlantısı kurulamadı",
        [809],
    ),
    # plural codes report words and status words
    # a code's occurrences, in VPN text
    (
        "handoff: the 809s are gone since we reopened udp 4500, what's left is all 13801",
        [809, 13801],
    ),
    ("status: 691s back to baseline, VPN is fine", [691]),
    ("807s spiking from eduroam-guest, tunnels drop after 2-3 min", [807]),
    # durations and decades are not
    ("the VPN tunnel drops after 900s of idle", []),
    ("set the 900s timeout on the VPN", []),
    ("VPN idle timeout 900s, lifetime 28800s", []),
    ("in the 1990s VPN was new", []),
    # more report words, status words of other languages, RAS components
    ("still 809 for the lab staff after the firewall change, UDP 500 passes now", [809]),
    ("Urgent: 853 en el túnel de usuario para toda la facultad", [853]),
    (
        "Erreur 720 sur 6 postes de la salle 214. Réinstallation des miniports WAN en cours.",
        [720],
    ),
    # windows error titles a vpn client error
    ("you may need to re-apply the fix for [Windows Error 809](#windows-error-809)", [809]),
    ('其中 [2] 请看 "Windows Error 789" 小节。', [789]),
    # Windows shows 740 when a program needs elevation: not the RAS code of a TAPI device
    ("Windows error 740: The requested operation requires elevation.", []),
    # localized hresult messages
    # localized HRESULT messages, as the localized Azure and Always On VPN docs quote them
    (
        "VPN クライアントのエラー: 証明書チェーンは処理されましたが、"
        "ルート証明書で停止されました。証明書は信頼プロバイダーから信頼されていません。",
        [2148204809],
    ),
    # a Win32 message of every Windows program counts only in text about a VPN
    ("OSError: [WinError 64] Der angegebene Netzwerkname ist nicht mehr verfügbar", []),
    (
        "Always On VPN Gerätetunnel: Der angegebene Netzwerkname ist nicht mehr verfügbar.",
        [2147942464],
    ),
    # hresults of a ca or of entra sign in
    # a certificate authority refusing a request, Entra sign-in: other software's HRESULTs
    (
        "Certificate not issued (Denied) Error Constructing or Publishing Certificate The "
        "revocation function was unable to check revocation for the certificate. 0x80092012",
        [],
    ),
    ("Try: AADSTS53000 · 0x800705b4 · 550 5.1.1", []),
    (
        "AOVPN user tunnel: 0x800705b4 since the AADSTS53000 conditional access change",
        [2147943860],
    ),
]


@pytest.mark.parametrize(("text", "codes"), REAL_TEXT_SHAPES)
def test_shapes_of_real_incident_text(kb: KnowledgeBase, text: str, codes: list[int]) -> None:
    assert find_codes(kb, text) == codes


def test_an_hresult_in_a_python_program_is_its_data(kb: KnowledgeBase) -> None:
    program = (
        "    # Error codes: 0x800704C9, ERR-404\n"
        "    error_codes = re.findall(r'0x[0-9A-F]+', text)\n"
        '    entities["error_code"] = error_codes\n'
    )
    assert find_codes(kb, program) == []
