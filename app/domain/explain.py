"""Findings turned into sentences a clerk can read to the holder, in FR, NL, DE and EN.

Every message code exists in every language; ``tests/domain/test_explain.py`` fails when
one is missing. Dates are written by Babel in the Belgian locale of the language, with the
French ordinal for the first of the month (``app.domain.day_words``); a count of times is
written as usage wants it (DE "zweimal"); a list of checklist items takes the articles and
the verb agreement of the language (NL "Er ontbreken nog: een recente pasfoto, ...").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from app.domain.checklist import phrases_of
from app.domain.day_words import format_day
from app.domain.model import Language

LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_GB"}

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "r1_not_yet_due": {
        "fr": "Le renouvellement n'est pas encore dû : il le sera à partir du {due_from} "
        "(deux mois avant l'échéance du {expiry}, art. 33 § 1er).",
        "nl": "De vernieuwing moet nog niet worden aangevraagd: dat moet vanaf {due_from} "
        "(twee maanden vóór de vervaldatum van {expiry}, art. 33, § 1).",
        "de": "Die Erneuerung ist noch nicht fällig: sie wird es ab dem {due_from} "
        "(zwei Monate vor dem Ablauf am {expiry}, Art. 33 § 1).",
        "en": "Renewal is not due yet: it will be from {due_from} "
        "(two months before the expiry on {expiry}, art. 33 §1).",
    },
    "r1_due": {
        "fr": "Le renouvellement est dû depuis le {due_from} ; le permis unique expire le "
        "{expiry}.",
        "nl": "De vernieuwing moet sinds {due_from} worden aangevraagd; de gecombineerde "
        "vergunning vervalt op {expiry}.",
        "de": "Die Erneuerung ist seit dem {due_from} fällig; die kombinierte Erlaubnis läuft "
        "am {expiry} ab.",
        "en": "Renewal has been due since {due_from}; the single permit expires on {expiry}.",
    },
    "r1_expired": {
        "fr": "Le permis unique a expiré le {expiry}.",
        "nl": "De gecombineerde vergunning is vervallen op {expiry}.",
        "de": "Die kombinierte Erlaubnis ist am {expiry} abgelaufen.",
        "en": "The single permit expired on {expiry}.",
    },
    "r1_suspended_hospitalised": {
        "fr": "L'obligation de demander le renouvellement est suspendue pendant "
        "l'hospitalisation (art. 33 § 2, 1°).",
        "nl": "De verplichting om de vernieuwing aan te vragen is opgeschort tijdens de "
        "ziekenhuisopname (art. 33, § 2, 1°).",
        "de": "Die Pflicht, die Erneuerung zu beantragen, ist während des "
        "Krankenhausaufenthalts ausgesetzt (Art. 33 § 2 Nr. 1).",
        "en": "The obligation to ask for renewal is suspended while in hospital (art. 33 §2, 1°).",
    },
    "r1_suspended_detained": {
        "fr": "L'obligation de demander le renouvellement est suspendue pendant la détention "
        "(art. 33 § 2, 2°).",
        "nl": "De verplichting om de vernieuwing aan te vragen is opgeschort tijdens de "
        "detentie (art. 33, § 2, 2°).",
        "de": "Die Pflicht, die Erneuerung zu beantragen, ist während der Haft ausgesetzt "
        "(Art. 33 § 2 Nr. 2).",
        "en": "The obligation to ask for renewal is suspended during detention (art. 33 §2, 2°).",
    },
    "r1_suspended_aged_75": {
        "fr": "L'obligation de demander le renouvellement est suspendue à partir de 75 ans, "
        "sauf en cas de voyage (art. 33 § 2, 3°).",
        "nl": "De verplichting om de vernieuwing aan te vragen is opgeschort vanaf 75 jaar, "
        "behalve bij een reis (art. 33, § 2, 3°).",
        "de": "Die Pflicht, die Erneuerung zu beantragen, ist ab 75 Jahren ausgesetzt, außer "
        "bei einer Reise (Art. 33 § 2 Nr. 3).",
        "en": "The obligation to ask for renewal is suspended from the age of 75, unless the "
        "holder must travel (art. 33 §2, 3°).",
    },
    "decision_taken": {
        "fr": "Une décision a déjà été prise sur cette demande : aucune attestation ne peut "
        "être délivrée, la décision doit être notifiée.",
        "nl": "Over deze aanvraag is al beslist: er kan geen attest worden afgegeven, de "
        "beslissing moet worden betekend.",
        "de": "Über diesen Antrag wurde bereits entschieden: es kann keine Bescheinigung "
        "ausgestellt werden, die Entscheidung ist zuzustellen.",
        "en": "A decision has already been taken on this application: no attestation can be "
        "issued; the decision must be notified.",
    },
    "r2_filed_late": {
        "fr": "Pas d'annexe 49 : la demande de renouvellement a été introduite le {filed_on}, "
        "après l'expiration du permis unique le {expiry}. L'art. 33 § 5 ne vise que la "
        "demande introduite conformément au § 1er, alinéa 2, donc au plus tard à "
        "l'échéance, et l'arrêté ne prévoit aucun autre document provisoire pour ce cas : la "
        "décision de l'autorité régionale compétente et de l'Office des Étrangers est "
        "attendue (annexe 46 ou 47 avec un nouveau permis unique, ou annexe 48).",
        "nl": "Geen bijlage 49: de aanvraag tot vernieuwing werd ingediend op {filed_on}, na "
        "het verstrijken van de gecombineerde vergunning op {expiry}. Art. 33, § 5 beoogt "
        "alleen een aanvraag ingediend overeenkomstig § 1, tweede lid, dus uiterlijk op de "
        "vervaldatum, en het besluit voorziet voor dit geval in geen ander voorlopig "
        "document: de beslissing van de bevoegde gewestelijke overheid en de Dienst "
        "Vreemdelingenzaken wordt afgewacht (bijlage 46 of 47 met een nieuwe gecombineerde "
        "vergunning, of bijlage 48).",
        "de": "Keine Anlage 49: der Erneuerungsantrag wurde am {filed_on} eingereicht, nach "
        "dem Ablauf der kombinierten Erlaubnis am {expiry}. Art. 33 § 5 betrifft nur einen "
        "gemäß § 1 Absatz 2 eingereichten Antrag, also spätestens am Ablauftag, und der "
        "Erlass sieht für diesen Fall kein anderes vorläufiges Dokument vor: die "
        "Entscheidung der zuständigen regionalen Behörde und des Ausländeramts ist "
        "abzuwarten (Anlage 46 oder 47 mit einer neuen kombinierten Erlaubnis, oder "
        "Anlage 48).",
        "en": "No annex 49: the renewal was filed on {filed_on}, after the single permit "
        "expired on {expiry}. Art. 33 §5 covers only a renewal filed under §1 al. 2, that "
        "is by the expiry date at the latest, and the decree provides no other provisional "
        "document for this case: the decision of the regional authority and the Immigration "
        "Office is awaited (annex 46 or 47 with a new single permit, or annex 48).",
    },
    "r2_filed_early": {
        "fr": "Attention : la demande a été introduite le {filed_on}, avant d'être due.",
        "nl": "Let op: de aanvraag werd ingediend op {filed_on}, nog vóór ze moest worden "
        "ingediend.",
        "de": "Achtung: der Antrag wurde am {filed_on} eingereicht, bevor er fällig war.",
        "en": "Warning: the application was filed on {filed_on}, before it was due.",
    },
    "r2_not_filed": {
        "fr": "Aucune demande de renouvellement n'a été introduite à la commune : "
        "enregistrez-la d'abord.",
        "nl": "Er werd bij de gemeente geen aanvraag tot vernieuwing ingediend: registreer "
        "ze eerst.",
        "de": "Bei der Gemeinde wurde kein Erneuerungsantrag eingereicht: erfassen Sie ihn zuerst.",
        "en": "No renewal application was filed at the commune: record it first.",
    },
    "r2_before_expiry": {
        "fr": "L'annexe 49 ne peut être délivrée qu'à partir de l'échéance du permis, le "
        "{expiry} : une décision peut encore intervenir d'ici là (art. 33 § 5).",
        "nl": "Bijlage 49 kan pas worden afgegeven vanaf de vervaldatum van de vergunning, "
        "{expiry}: tot dan kan er nog een beslissing vallen (art. 33, § 5).",
        "de": "Die Anlage 49 kann erst ab dem Ablauf der Erlaubnis am {expiry} ausgestellt "
        "werden: bis dahin kann noch eine Entscheidung ergehen (Art. 33 § 5).",
        "en": "Annex 49 can only be issued from the permit's expiry on {expiry}: a decision "
        "may still come until then (art. 33 §5).",
    },
    "r2_no_attestation": {
        "fr": "Pas d'annexe 49 : l'intéressé doit produire le document de l'autorité "
        "régionale attestant que la demande est recevable et complète (art. 33 § 5).",
        "nl": "Geen bijlage 49: betrokkene moet het document van de gewestelijke overheid "
        "voorleggen dat de aanvraag ontvankelijk en volledig is (art. 33, § 5).",
        "de": "Keine Anlage 49: die Person muss das Dokument der regionalen Behörde vorlegen, "
        "das die Zulässigkeit und Vollständigkeit des Antrags bescheinigt (Art. 33 § 5).",
        "en": "No annex 49: the holder must produce the regional authority's document "
        "attesting that the application is admissible and complete (art. 33 §5).",
    },
    "granted": {
        "fr": "L'annexe {annex} peut être délivrée aujourd'hui, valable jusqu'au "
        "{valid_until} ; elle peut être prorogée {extensions} fois de {days} jours.",
        "nl": "Bijlage {annex} kan vandaag worden afgegeven, geldig tot {valid_until}; ze kan "
        "{extensions} keer met {days} dagen worden verlengd.",
        "de": "Die Anlage {annex} kann heute ausgestellt werden, gültig bis zum "
        "{valid_until}; sie kann {extensions:times} um {days} Tage verlängert werden.",
        "en": "Annex {annex} may be issued today, valid until {valid_until}; it can be "
        "extended {extensions:times} by {days} days.",
    },
    "r3_filed_early": {
        "fr": "La demande est introduite avant le {due_from}, date à partir de laquelle elle "
        "est due ; l'art. 105/3 § 1er ne fixe aucune date au plus tôt : elle est reçue comme "
        "les autres.",
        "nl": "De aanvraag wordt ingediend vóór {due_from}, de datum vanaf wanneer ze moet "
        "worden ingediend; art. 105/3, § 1 bepaalt geen vroegste datum: ze wordt zoals elke "
        "andere ontvangen.",
        "de": "Der Antrag wird vor dem {due_from} eingereicht, ab dem er fällig ist; "
        "Art. 105/3 § 1 setzt keinen frühesten Zeitpunkt: er wird wie jeder andere "
        "entgegengenommen.",
        "en": "The application is filed before {due_from}, when it becomes due; art. 105/3 "
        "§1 sets no earliest date: it is received like any other.",
    },
    "r3_missing": {
        "fr": "Des documents manquent ({missing}) : la demande n'est pas prise en "
        "considération et l'annexe 41 est notifiée (art. 105/3 § 2).",
        "nl": "Er ontbreken documenten ({missing}): de aanvraag wordt niet in overweging "
        "genomen en bijlage 41 wordt betekend (art. 105/3, § 2).",
        "de": "Es fehlen Unterlagen ({missing}): der Antrag wird nicht berücksichtigt und die "
        "Anlage 41 wird zugestellt (Art. 105/3 § 2).",
        "en": "Documents are missing ({missing}): the application is not taken into "
        "consideration and annex 41 is notified (art. 105/3 §2).",
    },
    "r3_copy_41": {
        "fr": "Une copie de l'annexe 41 est transmise sans délai à l'Office des Étrangers "
        "(art. 105/3 § 2, alinéa 2).",
        "nl": "Een kopie van bijlage 41 wordt onverwijld aan de Dienst Vreemdelingenzaken "
        "bezorgd (art. 105/3, § 2, tweede lid).",
        "de": "Eine Kopie der Anlage 41 wird unverzüglich dem Ausländeramt übermittelt "
        "(Art. 105/3 § 2 Absatz 2).",
        "en": "A copy of annex 41 is sent to the Immigration Office without delay "
        "(art. 105/3 §2 al. 2).",
    },
    "r3_transmit": {
        "fr": "La demande et une copie de l'annexe 50 sont transmises sans délai à l'Office "
        "des Étrangers (art. 105/3 § 1er).",
        "nl": "De aanvraag en een kopie van bijlage 50 worden onverwijld aan de Dienst "
        "Vreemdelingenzaken bezorgd (art. 105/3, § 1).",
        "de": "Der Antrag und eine Kopie der Anlage 50 werden unverzüglich dem Ausländeramt "
        "übermittelt (Art. 105/3 § 1).",
        "en": "The application and a copy of annex 50 are sent to the Immigration Office "
        "without delay (art. 105/3 §1).",
    },
    "r3_decision_due": {
        "fr": "L'Office des Étrangers décide dans les quatre mois, au plus tard le "
        "{decision_due} (loi, art. 61/25-5 § 2), délai qu'il peut prolonger (art. 105/3 "
        "§ 3) ; sans décision négative dans ce délai, l'annexe 47 est notifiée (art. 105/3 "
        "§ 5).",
        "nl": "De Dienst Vreemdelingenzaken beslist binnen vier maanden, uiterlijk op "
        "{decision_due} (wet, art. 61/25-5, § 2), een termijn die hij kan verlengen "
        "(art. 105/3, § 3); zonder negatieve beslissing binnen die termijn wordt bijlage 47 "
        "betekend (art. 105/3, § 5).",
        "de": "Das Ausländeramt entscheidet binnen vier Monaten, spätestens am "
        "{decision_due} (Gesetz, Art. 61/25-5 § 2), und kann diese Frist verlängern "
        "(Art. 105/3 § 3); ohne ablehnende Entscheidung innerhalb der Frist wird die "
        "Anlage 47 zugestellt (Art. 105/3 § 5).",
        "en": "The Immigration Office decides within four months, by {decision_due} (Law "
        "art. 61/25-5 §2), a period it may extend (art. 105/3 §3); without a negative "
        "decision within it, annex 47 is notified (art. 105/3 §5).",
    },
    "r3_cover_gap": {
        "fr": "Attention : même avec toutes ses prorogations, l'annexe 50 couvre le séjour "
        "jusqu'au {cover_end} seulement, {days} jour avant la fin du délai de décision le "
        "{decision_due}, et aucune autre prorogation n'est prévue : signalez-le à l'Office "
        "des Étrangers avant le {cover_end}.",
        "nl": "Let op: zelfs met alle verlengingen dekt bijlage 50 het verblijf slechts tot "
        "{cover_end}, {days} dag vóór het einde van de beslissingstermijn op {decision_due}, "
        "en een verdere verlenging is niet voorzien: meld het aan de Dienst "
        "Vreemdelingenzaken vóór {cover_end}.",
        "de": "Achtung: auch mit allen Verlängerungen deckt die Anlage 50 den Aufenthalt nur "
        "bis zum {cover_end}, {days} Tag vor dem Ende der Entscheidungsfrist am "
        "{decision_due}, und eine weitere Verlängerung ist nicht vorgesehen: melden Sie es "
        "dem Ausländeramt vor dem {cover_end}.",
        "en": "Warning: even with every extension, annex 50 covers the stay only until "
        "{cover_end}, {days} day before the decision period ends on {decision_due}, and no "
        "further extension exists: tell the Immigration Office before {cover_end}.",
    },
    "r3_filed_late": {
        "fr": "Attention : la demande est introduite après l'échéance du permis.",
        "nl": "Let op: de aanvraag wordt na de vervaldatum van de vergunning ingediend.",
        "de": "Achtung: der Antrag wird nach dem Ablauf der Erlaubnis eingereicht.",
        "en": "Warning: the application is filed after the permit expired.",
    },
    "r4_stay_ended": {
        "fr": "Une décision met fin au séjour : pas d'annexe 51, la décision est notifiée "
        "par l'annexe 52.",
        "nl": "Een beslissing maakt een einde aan het verblijf: geen bijlage 51, de "
        "beslissing wordt betekend met bijlage 52.",
        "de": "Eine Entscheidung beendet den Aufenthalt: keine Anlage 51, die Entscheidung "
        "wird mit der Anlage 52 zugestellt.",
        "en": "A decision ends the stay: no annex 51; the decision is notified with annex 52.",
    },
    "r4_missing": {
        "fr": "Pas d'annexe 51 sans {missing} (art. 105/4).",
        "nl": "Geen bijlage 51 zonder {missing} (art. 105/4).",
        "de": "Keine Anlage 51 ohne {missing} (Art. 105/4).",
        "en": "No annex 51 without the {missing} (art. 105/4).",
    },
    "r4_not_ended_yet": {
        "fr": "L'autorisation de travail ne prend fin que le {ended_on}.",
        "nl": "De toelating tot arbeid eindigt pas op {ended_on}.",
        "de": "Die Arbeitserlaubnis endet erst am {ended_on}.",
        "en": "The work authorisation only ends on {ended_on}.",
    },
    "r4_expired_before": {
        "fr": "Le titre de séjour a expiré le {expiry}, avant la fin de l'autorisation de "
        "travail le {ended_on} : l'annexe 51 ne s'applique pas (art. 105/4).",
        "nl": "De verblijfstitel is vervallen op {expiry}, vóór het einde van de toelating "
        "tot arbeid op {ended_on}: bijlage 51 is niet van toepassing (art. 105/4).",
        "de": "Der Aufenthaltstitel ist am {expiry} abgelaufen, vor dem Ende der "
        "Arbeitserlaubnis am {ended_on}: die Anlage 51 ist nicht anwendbar (Art. 105/4).",
        "en": "The residence document expired on {expiry}, before the work authorisation "
        "ended on {ended_on}: annex 51 does not apply (art. 105/4).",
    },
    "r4_expires_after": {
        "fr": "Le titre de séjour (échéance {expiry}) reste valable au-delà du délai de "
        "nonante jours qui finit le {period_end} : pas d'annexe 51 nécessaire.",
        "nl": "De verblijfstitel (vervaldatum {expiry}) blijft geldig na de termijn van "
        "negentig dagen die eindigt op {period_end}: geen bijlage 51 nodig.",
        "de": "Der Aufenthaltstitel (Ablauf am {expiry}) bleibt über die Frist von neunzig "
        "Tagen hinaus gültig, die am {period_end} endet: keine Anlage 51 nötig.",
        "en": "The residence document (expiry {expiry}) stays valid beyond the 90-day "
        "period ending on {period_end}: no annex 51 is needed.",
    },
    "r4_period_over": {
        "fr": "Le délai de nonante jours a pris fin le {period_end}.",
        "nl": "De termijn van negentig dagen is verstreken op {period_end}.",
        "de": "Die Frist von neunzig Tagen ist am {period_end} abgelaufen.",
        "en": "The 90-day period ended on {period_end}.",
    },
    "r4_granted": {
        "fr": "L'annexe 51 peut être délivrée, valable jusqu'au {valid_until}, fin du délai "
        "de nonante jours qui suit la fin de l'autorisation de travail le {ended_on} ; les "
        "membres de la famille reçoivent le même document (art. 105/4).",
        "nl": "Bijlage 51 kan worden afgegeven, geldig tot {valid_until}, het einde van de "
        "termijn van negentig dagen na het einde van de toelating tot arbeid op {ended_on}; de "
        "familieleden krijgen hetzelfde document (art. 105/4).",
        "de": "Die Anlage 51 kann ausgestellt werden, gültig bis zum {valid_until}, dem Ende "
        "der Frist von neunzig Tagen nach dem Ende der Arbeitserlaubnis am {ended_on}; die "
        "Familienangehörigen erhalten dasselbe Dokument (Art. 105/4).",
        "en": "Annex 51 may be issued, valid until {valid_until}, the end of the 90-day "
        "period after the work authorisation ended on {ended_on}; family members receive "
        "the same document (art. 105/4).",
    },
    "r5_missing": {
        "fr": "Pas d'annexe 49 : il manque {missing} (art. 105/2 § 4-5).",
        "nl": "Geen bijlage 49: er ontbreekt {missing} (art. 105/2, § 4-5).",
        "de": "Keine Anlage 49: es fehlt {missing} (Art. 105/2 § 4-5).",
        "en": "No annex 49: missing {missing} (art. 105/2 §4-5).",
    },
    "r5_still_missing": {
        "fr": "Il manque encore {missing} : à produire, sans retarder l'annexe 49.",
        "nl": "Er ontbreekt nog: {missing}; voor te leggen, zonder bijlage 49 uit te stellen.",
        "de": "Es fehlt noch: {missing}; nachzureichen, ohne die Anlage 49 aufzuschieben.",
        "en": "Still missing: {missing}; to be produced, without holding annex 49 back.",
    },
    "r5_hand_in": {
        "fr": "Si l'intéressé possède un document ou un titre de séjour, il le restitue lors "
        "de la délivrance de l'annexe 49 (art. 105/2 § 5, alinéa 3).",
        "nl": "Als betrokkene een verblijfsdocument of verblijfstitel bezit, levert hij of zij "
        "dat in bij de afgifte van bijlage 49 (art. 105/2, § 5, derde lid).",
        "de": "Besitzt die Person ein Aufenthaltsdokument oder einen Aufenthaltstitel, gibt "
        "sie es bei der Ausstellung der Anlage 49 ab (Art. 105/2 § 5 Absatz 3).",
        "en": "If the holder has a residence document or permit, it is handed in when "
        "annex 49 is issued (art. 105/2 §5 al. 3).",
    },
    "ext_not_extendable": {
        "fr": "L'annexe {annex} ne peut pas être prorogée.",
        "nl": "Bijlage {annex} kan niet worden verlengd.",
        "de": "Die Anlage {annex} kann nicht verlängert werden.",
        "en": "Annex {annex} cannot be extended.",
    },
    "ext_decided": {
        "fr": "Prorogation refusée : la demande a été tranchée, l'annexe {annex} ne couvre "
        "plus le séjour.",
        "nl": "Verlenging geweigerd: over de aanvraag is beslist, bijlage {annex} dekt het "
        "verblijf niet meer.",
        "de": "Verlängerung abgelehnt: über den Antrag wurde entschieden, die Anlage {annex} "
        "deckt den Aufenthalt nicht mehr.",
        "en": "Extension refused: the application has been decided; annex {annex} no longer "
        "covers the stay.",
    },
    "ext_filed_late": {
        "fr": "Prorogation refusée : la demande de renouvellement a été introduite après "
        "l'expiration du permis unique ; l'annexe {annex} ne peut pas attester une demande "
        "introduite conformément à l'art. 33 § 1er, alinéa 2 (art. 33 § 5).",
        "nl": "Verlenging geweigerd: de aanvraag tot vernieuwing werd na het verstrijken van "
        "de gecombineerde vergunning ingediend; bijlage {annex} kan geen aanvraag "
        "overeenkomstig art. 33, § 1, tweede lid attesteren (art. 33, § 5).",
        "de": "Verlängerung abgelehnt: der Erneuerungsantrag wurde nach dem Ablauf der "
        "kombinierten Erlaubnis eingereicht; die Anlage {annex} kann keinen gemäß Art. 33 "
        "§ 1 Absatz 2 eingereichten Antrag bescheinigen (Art. 33 § 5).",
        "en": "Extension refused: the renewal was filed after the single permit expired; "
        "annex {annex} cannot attest a filing under art. 33 §1 al. 2 (art. 33 §5).",
    },
    "ext_maximum": {
        "fr": "Prorogation refusée : l'annexe {annex} a déjà été prorogée {max} fois, le "
        "maximum légal.",
        "nl": "Verlenging geweigerd: bijlage {annex} werd al {max} keer verlengd, het "
        "wettelijke maximum.",
        "de": "Verlängerung abgelehnt: die Anlage {annex} wurde bereits {max:times} "
        "verlängert, das gesetzliche Höchstmaß.",
        "en": "Extension refused: annex {annex} has already been extended {max:times}, the "
        "legal maximum.",
    },
    "ext_lapsed": {
        "fr": "Prorogation refusée : l'attestation n'était valable que jusqu'au {valid_until}.",
        "nl": "Verlenging geweigerd: het attest was slechts geldig tot {valid_until}.",
        "de": "Verlängerung abgelehnt: die Bescheinigung war nur bis zum {valid_until} gültig.",
        "en": "Extension refused: the attestation was only valid until {valid_until}.",
    },
    "ext_granted": {
        "fr": "Prorogation {number} sur {max} : valable jusqu'au {valid_until} "
        "({days} jours de plus).",
        "nl": "Verlenging {number} van {max}: geldig tot {valid_until} ({days} dagen extra).",
        "de": "Verlängerung {number} von {max}: gültig bis zum {valid_until} ({days} Tage mehr).",
        "en": "Extension {number} of {max}: valid until {valid_until} ({days} more days).",
    },
}


#: The form a message takes when its counted value (the parameter named here) is not one:
#: several missing items take a plural verb (DE "es fehlen", NL "er ontbreken"), several days
#: a plural noun. A language without an entry keeps the form of ``MESSAGES``.
PLURAL_MESSAGES: Mapping[str, tuple[str, Mapping[str, str]]] = {
    "r5_missing": (
        "missing",
        {
            "nl": "Geen bijlage 49: er ontbreken {missing} (art. 105/2, § 4-5).",
            "de": "Keine Anlage 49: es fehlen {missing} (Art. 105/2 § 4-5).",
        },
    ),
    "r5_still_missing": (
        "missing",
        {
            "nl": "Er ontbreken nog: {missing}; voor te leggen, zonder bijlage 49 uit te stellen.",
            "de": "Es fehlen noch: {missing}; nachzureichen, ohne die Anlage 49 aufzuschieben.",
        },
    ),
    "r3_cover_gap": (
        "days",
        {
            "fr": "Attention : même avec toutes ses prorogations, l'annexe 50 couvre le séjour "
            "jusqu'au {cover_end} seulement, {days} jours avant la fin du délai de décision "
            "le {decision_due}, et aucune autre prorogation n'est prévue : signalez-le à "
            "l'Office des Étrangers avant le {cover_end}.",
            "nl": "Let op: zelfs met alle verlengingen dekt bijlage 50 het verblijf slechts "
            "tot {cover_end}, {days} dagen vóór het einde van de beslissingstermijn op "
            "{decision_due}, en een verdere verlenging is niet voorzien: meld het aan de "
            "Dienst Vreemdelingenzaken vóór {cover_end}.",
            "de": "Achtung: auch mit allen Verlängerungen deckt die Anlage 50 den Aufenthalt "
            "nur bis zum {cover_end}, {days} Tage vor dem Ende der Entscheidungsfrist am "
            "{decision_due}, und eine weitere Verlängerung ist nicht vorgesehen: melden Sie "
            "es dem Ausländeramt vor dem {cover_end}.",
            "en": "Warning: even with every extension, annex 50 covers the stay only until "
            "{cover_end}, {days} days before the decision period ends on {decision_due}, and "
            "no further extension exists: tell the Immigration Office before {cover_end}.",
        },
    ),
}

_GERMAN_TIMES = ("", "einmal", "zweimal", "dreimal", "viermal", "fünfmal")


def times(count: int, language: str) -> str:
    """How many times, as a word where usage wants one (DE "zweimal", EN "twice")."""
    if language == "de":
        return _GERMAN_TIMES[count] if 0 < count < len(_GERMAN_TIMES) else f"{count}-mal"
    if language == "en":
        return {1: "once", 2: "twice"}.get(count, f"{count} times")
    if language == "nl":
        return f"{count} keer"
    return f"{count} fois"


class _Shown(str):
    """A value as the sentence shows it; ``{name:times}`` writes a count as "zweimal"."""

    number: int | None = None
    language: str = "fr"

    def __format__(self, spec: str) -> str:
        if spec == "times" and self.number is not None:
            return times(self.number, self.language)
        return str.__format__(self, spec)


def _value(value: object, language: str) -> _Shown:
    if isinstance(value, date):
        shown = _Shown(format_day(value, "long", LOCALES[language]))  # "1er mars 2027"
    elif isinstance(value, (tuple, list)):  # checklist item ids
        shown = _Shown(phrases_of((str(item) for item in value), language))
    else:
        shown = _Shown(str(value))
        if isinstance(value, int) and not isinstance(value, bool):
            shown.number = value
    shown.language = language
    return shown


def _count(value: object) -> int:
    if isinstance(value, (tuple, list)):
        return len(value)
    return value if isinstance(value, int) else 1


def template(code: str, params: Mapping[str, object], language: str) -> str:
    """The message of ``code`` in ``language``, in its plural form when the counted value
    of ``PLURAL_MESSAGES`` is not one."""
    if code in PLURAL_MESSAGES:
        counted, plurals = PLURAL_MESSAGES[code]
        if counted in params and _count(params[counted]) != 1 and language in plurals:
            return plurals[language]
    return MESSAGES[code][language]


def explain_one(code: str, params: Mapping[str, object], language: Language | str) -> str:
    """One finding as a sentence in ``language`` (fr, nl, de or en)."""
    values = {key: _value(value, str(language)) for key, value in params.items()}
    return template(code, params, str(language)).format(**values)


def explain(findings: Iterable, language: Language | str) -> str:
    """All findings, in order, as one paragraph."""
    return " ".join(explain_one(f.code, f.params, language) for f in findings)
