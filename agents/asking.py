"""What the citizen asks for, apart from what they only mention.

"Mon fils est déjà inscrit au centre de loisirs", "ma voisine touche le RSA", "je ne demande
pas la carte grise" name démarches without asking for them. The triage classifies what is
left once such sentences and negated phrases are taken out (`asked_part`); a sentence that
asks outright ("je voudrais…", "pouvez-vous…", "merci de…") is always kept, whatever else it
mentions. Works on French (other languages are put into French first, agents/languages.py).
"""

from __future__ import annotations

import re

from agents import slots
from agents.text import content_words, fold, normalise

# Asking outright, first person or politely imperative.
_ASKS = re.compile(
    r"\b(?:je (?:voudrais|voudrai|veux|souhaite|souhaiterais|dois|demande|sollicite|declare|vous declare|"
    r"viens (?:vous )?demander|vous (?:demande|ecris pour|contacte pour|sollicite))|"
    r"j aimerais|j ai besoin|jai besoin|besoin d|il me faut|il me faudrait|il faut|"
    r"il faudrait|faut que|faudrait|pouvez vous|pourriez vous|pourrais je|puis je|"
    r"vous (?:pouvez|pourriez) (?:m|me|nous|faire|envoyer|inscrire|changer)|"
    r"il (?:ne )?(?:me |nous )?(?:manque|reste) (?:plus )?(?:que|qu|a|deux|trois)|"
    r"je (?:voulais|tenais a) vous (?:signaler|demander|informer)|je vous signale|je signale|"
    r"je me plains|ce serait possible|serait il possible|"
    r"je (?:vous )?confirme (?:ma|mon|notre) (?:demande|souhait|inscription|reclamation|"
    r"contestation)|"
    r"je (?:depose|formule|presente|fais) (?:ma|une|la|mon|un|cette) (?:demande|dossier)|"
    r"je (?:depose|fais) (?:la|le) mien(?:ne)?|"
    r"est ce que (?:je peux|vous pouvez|vous pourriez|on peut)|merci de|merci d|"
    r"envoyez|inscrivez|changez|modifiez|mettez|faites|transmettez|delivrez|prevenez|"
    r"(?:^|(?:je fais|faire|nous faisons|je souhaite faire|je voudrais faire) (?:la |une )?)"
    r"demande (?:d|de|du|des)|svp|stp|s il vous plait|"
    r"i (?:would like|want|need|d like|am writing to)|could you|can you|can i|please)\b"
)
# Sentences that state a fact rather than ask: done already, someone else's situation,
# something received.
_MENTIONS = re.compile(
    r"\b(?:deja|already|"
    # Someone else as the subject ("ma voisine touche le RSA"), not as a complement
    # ("l'adresse de mes parents").
    r"(?:^|(?:bonjour|car|parce que|puisque|comme|et|mais|que|qu|quand|si|moi|alors) )"
    r"(?:ma|mon|mes|notre|nos|une|un|my|our|a) (?:voisine?s?|ami(?:e|es|s)?|copine?s?|"
    r"collegues?|cousine?s?|soeurs?|freres?|belle soeur|beau frere|tante|oncle|"
    r"neighbou?rs?|friends?|colleagues?|sister|brother|cousin|parents|pere|mere|mari|"
    r"femme|epoux|epouse|ex mari|ex femme|ex|compagnon|compagne|conjointe?|beau pere|"
    r"belle mere|grands? parents|grand mere|grand pere|husband|wife|partner)|"
    r"(?:j ai|on m a|nous avons|on a|i have|i ve) (?:bien |deja )?(?:recu|obtenu|eu|got|received)|"
    # "L'an dernier on m'avait refusé le RSA": a decision of the past told as background.
    r"(?:on|ils|elles|la caf|la cpam|la mairie|vous) (?:m|nous) (?:a|avait|ont|avaient|avez|aviez) "
    r"(?:refuse|accorde|verse|supprime|coupe|retire)|"
    # "Pour le RSA, je verrai plus tard": for later, not now.
    r"je verrai|on verra|nous verrons|"
    r"pour (?:info|information|votre information)|for your information|fyi|"
    r"merci (?:beaucoup |bien )?pour|thank you for|thanks for|"
    # A benefit already received is a situation, not a demand: "je suis au RSA".
    r"(?:je suis|suis|etant|etre|on est|nous sommes) (?:au|beneficiaire du|allocataire du) "
    r"(?:rsa|chomage)|(?:touche|touchent|percois|percoit|percoivent|touchant|percevant) "
    r"(?:deja |aussi )?(?:le |la |l |les |des )?(?:rsa|rmi|revenu minimum|chomage|aah|apl|"
    r"allocations?|prime|pension|css|cmu|bourse)|depuis que|"
    r"vous (?:m|nous) avez (?:accorde|octroye|delivre|envoye|inscrit|attribue)\w*|"
    # Something settled, awaited or asked about for someone else.
    r"fonctionne de nouveau|remarche|a ete repare\w*|est repare\w*|c est repare|est regle|"
    r"c est regle|(?:est|sont) (?:bien |deja )?a jour|works again|(?:was|has been) (?:fixed|repaired)|"
    r"en attendant (?:la |une |sa |votre )?(?:reponse|decision)|"
    r"j attends (?:donc |encore )?(?:votre|vos|le|la|les|leur) (?:courrier|"
    r"reponse|decision|retour|lettre|nouvelles|appel)(?! depuis)|"
    r"je pose la question|(?:simple|juste une|petite) question|pas d inquietude|"
    # What an earlier letter was about: "suite à votre courrier concernant ma demande de RSA".
    r"suite a (?:votre|vos|mon|ma|mes|notre|nos|l|la|le) ?(?:courrier|message|mail|courriel|"
    r"lettre|appel|echange|reponse|decision|rendez vous|notification)\w*|"
    r"en reponse a (?:votre|vos)|(?:regarding|following) (?:your|my) (?:letter|email|message)|"
    # Done, received, settled: "l'extrait m'est bien parvenu", "c'est parfait pour…".
    r"(?:m est|nous est|est|sont|a|ont) (?:bien |deja )?(?:ete )?(?:parvenue?s?|recue?s?|"
    r"reparee?s?|reglee?s?|traitee?s?|effectuee?s?|enregistree?s?|arrivee?s?|refaite?s?|"
    r"renouvelee?s?|notee?s?|validee?s?|"
    r"pris en compte|faite?s?)(?: depuis| le| en| hier| merci|$)|c est parfait|"
    r"(?:a|ai|avons|avait|ont) (?:deja )?depose (?:une|un|sa|son|ma|mon|leur|notre) "
    r"(?:demande|dossier)|j hesite|je ne sais pas (?:encore )?si|"
    r"(?:j ai|nous avons|on a) vendu|(?:sold|i sold) (?:the|my) (?:car|vehicle)|"
    r"(?:je vends|on vend|nous vendons|je vais vendre) (?:la|ma|le|mon|notre)|"
    r"unrelated to|not about|sans rapport avec|rien a voir avec|nothing to do with|"
    # Settled or refused already: "c'est bon pour la carte d'identité", "pour le RSA c'est
    # non", "je suis inscrit sur les listes depuis longtemps".
    r"c est (?:bon|ok|fait|regle|non|refuse) pour|(?:pour|quant a) (?:le|la|les|l|mon|ma|mes) "
    r"(?:\w+ ){1,4}c est (?:bon|ok|fait|regle|non|refuse|mort)|"
    r"(?:a|ont|avait) ete (?:refusee?s?|rejetee?s?)|"
    r"j ai eu (?:mon|ma|le|la) (?:rendez vous|rdv|carte|attestation|extrait|acte)|"
    r"depuis (?:longtemps|des annees|toujours|tres longtemps)|"
    r"pas de (?:souci|soucis|probleme) (?:la dessus|de ce cote|pour ca|a ce niveau)|"
    r"(?:restent?|resteront|reste) (?:dans |a )?(?:la|le|les) meme|"
    # Filed, noted, in order, handled by someone else, for later: "ma demande de HLM est
    # déposée depuis le printemps", "j'ai bien noté le rendez-vous", "c'est mon compagnon
    # qui s'en occupe", "je passerai en mairie plus tard".
    r"(?:a|ont) ete deposee?s?|est deposee?|sont deposees?|suit son cours|"
    r"ce n est pas (?:l objet|pour ca|pour cela|elle le probleme|lui le probleme|"
    r"le probleme|la question)|n est pas l objet|"
    r"j ai (?:bien )?note|bien note|je viendrai|je passerai|"
    r"j ai fait (?:re)?faire|je l ai recuper\w*|tout est en ordre|"
    r"(?:mange|mangent|dejeune|dejeunent) (?:a la|au) (?:cantine|restaurant scolaire|self)|"
    r"y (?:mange|mangent|dejeune)|ca se passe (?:tres )?bien|"
    r"depuis (?:mes|ses|ma|sa) (?:\d+|dix huit) ans|depuis (?:ma|sa) majorite|"
    r"un jour|plus tard|(?:ce n est|c est) pas (?:presse|urgent)|rien d urgent|"
    r"(?:a|ont) ete (?:rebouch|repar|nettoy|enlev|ramass|remplac|regl|trait)\w*|"
    r"(?:j|nous|on) (?:avais|avions|avait) (?:deja )?(?:signale|demande|fait|depose)|"
    r"(?:j ai|nous avons|on a) (?:deja )?signale|"
    # Someone else who speaks of a démarche: "elle parle aussi de la CSS".
    r"(?:il|elle|ils|elles) (?:me |m |nous )?(?:parle|parlent|parlait|mentionne|evoque|"
    r"conseille|suggere|recommande)\w* (?:aussi |egalement )?(?:de |d |du |des |la |le |l )|"
    r"s en (?:occupe|occupent|charge|chargent)|ne vous en souciez pas|"
    r"(?:est|sont) (?:encore |toujours )?valables?|"
    r"j ai (?:deja )?(?:mon|le|un) numero (?:unique|de dossier|d enregistrement)|"
    r"je l ai(?: (?:deja|bien|encore|toujours))?$|"
    r"(?:reste|restent|restera) (?:chez|a l ancienne|immatricule\w*)|"
    # Someone else who will see to it: "elle fera la démarche elle-même".
    r"(?:il|elle|ils|elles) (?:vous )?(?:fera|feront|s en occupera|s en occuperont|le fera|"
    r"la fera|ecrira|ecriront|appellera|appelleront|contactera|passera|viendra|s inscrira)|"
    r"ne vous inquietez pas|no worries)\b"
)
# A correction is about what was said, not another demand ("pardon, je me suis trompée"):
# no procedure opens from it, but its values are read (agents/slots.py).
_CORRECTS = re.compile(
    r"\b(?:pardon|je me suis tromp\w*|je me trompe|erreur de ma part|oups|je rectifie|"
    r"je corrige|excusez moi|desole\w*|erreur de frappe|je confonds|jconfonds|sorry|"
    r"my mistake)\b"
)
# A negated demand, up to the end of its phrase: "je ne demande pas le RSA, …".
_NEGATED = re.compile(
    r"\b(?:(?:ne |n )(?:demande|veux|souhaite|voudrais|sollicite|cherche|travaille|bosse|refais|"
    r"refait|fais)\w* "
    r"(?:surtout |vraiment |absolument |certainement )?(?:pas|plus|aucun\w*|rien|ni)\b|"
    # "partout sauf pour la carte grise", "hormis la cantine".
    r"(?:sauf|excepte|hormis|a part|except|apart from)(?= (?:pour |la |le |les |l |mon |ma |"
    r"mes |du |de |des |the |my ))|n ai (?:pas|plus|aucunement) besoin|"
    r"(?:n ai|n avons|n a) (?:pas|plus) (?:de |d )?(?:travail|emploi|boulot|revenus?|salaire|voiture|"
    r"vehicule|moto|scooter)|"
    r"(?:ne |n )(?:ai|avons|suis|sommes) (?:pas|jamais) (?:encore )?(?:demenag\w*|emmenag\w*)|"
    r"(?:^|(?<=[.;:!?]) )pas (?:la|le|les|l|de|du|des|pour) |"
    r"(?:ne |n )suis pas (?:interesse|concerne)\w*|(?:n est|ne sont) pas concerne\w*|"
    r"(?:ne |n )(?:donne|donnerai|donnons) pas suite|je renonce a|j abandonne|"
    r"je retire (?:ma|la|cette) demande|"
    r"pas (?:encore )?decide\w*|pas (?:besoin|la peine|question|de demande)|inutile de|"
    r"non merci|no thanks?(?: you)?|"
    # "Le logement social, non merci": the topic declined with it.
    r"(?:le|la|les|l|pour le|pour la|quant a|the) [^,.;:!?]{1,50}, (?:non merci|no thanks?)|"
    r"rien a (?:changer|faire|modifier|demander)|"
    r"ne (?:la |le |les |l |y )?(?:touchez|modifiez|changez) (?:pas|rien)|don t (?:touch|change)|"
    r"(?:laissez|laisse|on laisse) tomber|(?<!n )(?<!pas )oubliez|annulez|j annule|"
    r"(?:n est|ne sont) plus d actualite|plus besoin (?:de |d |du )?|no longer need|"
    # "Logement social : non.", "Carte grise ? non, …": a topic, then no.
    r"(?<![\w ])[a-z][^,.;:!?\n]{0,50} ?[:?] ?non\b|"
    r"(?:n ai|n avons|n a) ni (?:voiture|vehicule|moto)\w*(?: ni (?:voiture|vehicule|moto))?|"
    r"(?:ne |n )(?:vous )?ecris pas pour|"
    r"sans (?:vouloir |avoir a )?(?:demander|faire|me plaindre|critiquer|reclamer|"
    r"porter plainte)|"
    # "N'inscrivez pas Juliette à la cantine", "ne faites rien", "don't register her".
    r"(?:ne |n )(?:\w+ )?(?:(?:inscriv|fais|envoy|chang|modifi|transmett|preven|demand|lanc|"
    r"ouvr|declar|enregistr|signal)\w*ez|faites) (?:pas|rien|plus)|"
    r"(?:don t|do not) (?:register|enrol|send|change|open|file|apply)|"
    r"ce n est pas (?:pour|une demande|la peine)|il ne s agit pas|"
    r"(?:i m|i am) not (?:asking|applying|requesting)|i (?:do not|don t) (?:need|want)|"
    r"no need)\b[^,.;:!?]*?(?=\bmais\b|\bbut\b|\bplutot\b|\bseulement\b|\bjuste\b|[,.;:!?]|$)"
)
# Another person's data asked for ("envoyez-moi son numéro de sécurité sociale"): no
# démarche of the citizen's own; the tools refuse another citizen's records anyway.
_OTHERS_DATA = re.compile(
    r"\b(?:son|sa|ses|leur|leurs|his|her|their) (?:numero (?:de securite sociale|de secu|"
    r"fiscal|d allocataire|de telephone)|nir|numero|coordonnees|donnees|informations "
    r"personnelles|date de naissance|social security number|tax number)\b"
)
# What makes a whole sentence a mention, whatever clause it sits in: the démarche is another
# person's to make ("mon fils veut s'inscrire, il vous écrira lui-même"), or for later, if
# ever ("si un jour je trouve un temps plein, je demanderai la prime d'activité").
_NOT_NOW = re.compile(
    r"\b(?:lui meme|elle meme|eux memes|elles memes|himself|herself|themselves|"
    r"de son cote|de leur cote|si (?:un jour|jamais|par hasard)|le jour ou|"
    r"je (?:demanderai|ferai|referai|solliciterai|deposerai|m inscrirai)|"
    # "Le lampadaire de mon jardin, c'est mon affaire, je le réparerai": the citizen's own.
    r"je (?:le |la |les |m en )?(?:reparerai|changerai|remplacerai|occuperai)|"
    r"c est (?:mon|notre) affaire|je m en occupe|"
    r"(?:nous|on) (?:demanderons|ferons|demandera|fera la demande))\b"
)
# A démarche thought of, then given up: "… mais finalement non", "I changed my mind".
_CHANGED_MIND = re.compile(
    r"^.*?\b(?:(?:mais |et )?(?:finalement|en fait|au final|tout compte fait|reflexion faite) "
    r"(?:non|pas|je n ai pas|je ne|j y renonce|on ne|nous ne|ce n est pas)|"
    r"(?:but )?(?:i )?(?:changed my mind|in the end,? (?:no|not)|on second thought,? no))\b")
_SENTENCES = re.compile(r"(?<=[.!?;\n])\s+|\n+")
# Inside a sentence, the clauses a mention can be cut at: "je suis déjà inscrite sur les
# listes, ce n'est pas le problème : c'est la carte d'identité qu'il faut refaire".
_CLAUSES = re.compile(r"\s*(?:[,:;]|\s(?:et|mais|but|and)\s)\s*")
# A relative clause, or a verb whose subject is the clause before ("ma mère a déposé une
# demande et n'a toujours pas de nouvelles").
_RELATIVE = re.compile(r"^(?:qui|que|qu|dont|lequel|laquelle|lesquels|who|which|n|ne|"
                       r"j en (?:ai|aurais|aurai) besoin|i need (?:it|them)|"
                       r"a(?! t )|est(?! ce )|sont|ont|va|fait|habite|vit|touche|mange)\b")
_SHORT_CLAUSE = 2  # content words: "La carte grise, je l'ai déjà faite" is one clause
# A subject or a verb makes a clause of its own, however short ("je me suis trompée de
# prénom", "mon mari est espagnol").
_SUBJECT = re.compile(r"\b(?:je|j|il|elle|ils|elles|on|nous|vous|c est|ce sont|i|we|it s|"
                      # "c pour Aïssatou": a text message's "c'est".
                      r"c(?= (?:pour|a|le|la|les|l|au|aux|mon|ma|mes|son|sa|ses|pas|plus|bon|ok)\b)|"
                      r"est|sont|etait|ai|as|ont|avons|avez|fait|va|vont|is|are|was|"
                      r"(?:m|t|l|y|qui|on|il|elle|ca) a|dit|depend|mange|vit|habite|travaille|"
                      r"touche)\b")


def _folded(text: str) -> str:
    """Lowercase, accent-free, apostrophes as spaces, punctuation kept (it ends phrases);
    one character for one, so a span found here is the same span in the text."""
    return re.sub(r"['’\-\t]", " ", fold(text))


# A question about how a démarche works, as opposed to a request to run it: a question
# mark or a "je voudrais savoir", without a request of the citizen's own.
_INFO_INTRO = re.compile(
    r"\b(?:je (?:voudrais|voudrai|souhaiterais|souhaite|veux) (?:juste |seulement |simplement )?"
    r"(?:savoir|comprendre|connaitre|me renseigner|des (?:informations|infos|renseignements))|"
    r"j aimerais (?:juste |seulement |simplement )?(?:savoir|comprendre|connaitre)|"
    r"(?:pouvez|pourriez) vous me (?:dire|renseigner|expliquer|preciser)|"
    r"(?:pouvez|pourriez) vous m (?:indiquer|expliquer)|je me demande|je me demandais|"
    r"(?:il|elle|ils|elles|on) se (?:demande|demandent|demandait)|"
    r"i (?:would|d) like to know|can you tell me|could you tell me|i wonder)\b"
)
_QUESTION_WORDS = (
    r"comment|combien|cb|cbien|cmb|quel(?!qu)\w*|quand|pourquoi|est ce que|est ce qu|"
    r"a partir de|a t il|a t elle|"
    r"a t on|peut on|faut il|doit on|y a t il|qu est ce|c est quoi|how|what|when|why|which|"
    r"is it|do i need|does|qui a droit|pour qui|pourrai(?:en)?t (?:ils?|elles?)|"
    r"peu(?:t|vent) (?:ils?|elles?)|doi(?:t|vent) (?:ils?|elles?)|a t (?:il|elle) (?:droit|le droit)|"
    r"ont (?:ils|elles) (?:droit|le droit)|que se passe t il|qu arrive t il|est il possible"
)
_QUESTION_START = re.compile(rf"^(?:(?:et|mais|alors|donc|bonjour|hello) )?(?:{_QUESTION_WORDS})\b")
# English questions carry their mark ("What I need is…" is no question).
_ENGLISH_START = re.compile(r"^(?:how|what|when|why|which|is it|do i need|does)\b")
# Words that make a question only with its mark: "Il y a des tranches ?", "ça dépend de quoi ?"
_QUESTION_ANY = re.compile(
    rf"\b(?:{_QUESTION_WORDS}|il y a|y a|de quoi|depend|normal|normale|delai|delais)\b")
# The citizen's own entitlement or demand, even asked as a question: running the démarche
# is the answer ("j'ai droit à la prime d'activité ?", "puis-je avoir un extrait ?").
_OWN_CASE = re.compile(
    r"\b(?:(?:ai je|j ai|est ce que j ai|aurais je|j aurais) (?:droit|le droit)|"
    r"(?:puis je|je peux|est ce que je peux|pourrais je|je pourrais|est ce que je pourrais) "
    r"(?:avoir|obtenir|beneficier|toucher|recevoir|demander|faire|m inscrire|inscrire)|"
    r"(?:vous pouvez|pouvez vous|pourriez vous|est ce que vous pouvez|est ce que vous pourriez) "
    r"(?!me (?:dire|renseigner|expliquer|preciser)|m (?:indiquer|expliquer))|"
    r"est il possible (?:d |de )(?:avoir|obtenir|recevoir) (?:mon|ma|mes|un|une)|"
    r"(?:est ce que )?(?:ce serait|ce serait il|serait il|est il|c est|ca serait) possible "
    r"(?:d |de )(?:inscrire|m inscrire|l inscrire|avoir|obtenir|recevoir|faire|changer|mettre|"
    r"refaire|renouveler)|"
    r"(?:puis je|je peux|est ce que je peux|pourrais je) (?:quand meme |aussi |encore |deja )"
    r"(?:avoir|obtenir|beneficier|toucher|recevoir|demander|faire)|"
    r"comment (?:est ce que )?(?:je |j |on |nous )?(?:peux |dois |fais pour |faire pour |"
    r"peut |doit )?(?:le |la |l |les |en |me |m )?(?:refai\w*|fai\w*|inscri\w*|obt(?:en|ien)\w*|"
    r"demand\w*|renouvel\w*|declar\w*|signal\w*|change\w*|modifi\w*|recevoir|avoir)|"
    r"how (?:do|can) i|y a t il (?:une |des )?aides?|existe t il (?:une |des )?aides?|"
    r"is there (?:any |an? )?(?:help|aid)|"
    r"am i (?:entitled|eligible)|can i (?:get|have|apply|claim))\b"
)


# Wanting something outright, other than to know: "je voudrais refaire ma carte, quels
# documents ?" asks for the card.
_WANTS = re.compile(
    r"\b(?:je (?:(?:la|le|les|l) )?(?:voudrais|voudrai|veux|souhaite|souhaiterais|demande|"
    r"sollicite)|j aimerais|"
    r"j ai besoin|il me faut|il me faudrait|i (?:would like|want|need)|i d like|"
    r"what i (?:actually |really )?(?:need|want))\b"
    r"(?! (?:juste |seulement |simplement )?(?:savoir|comprendre|connaitre|me renseigner|"
    r"des (?:informations|infos|renseignements|precisions)|to know|more information))"
)


# The citizen says outright they only want to know: "je me renseigne d'abord", "je pose
# juste la question", "c'est pour savoir".
_INQUIRY = re.compile(
    r"\b(?:je me renseigne|je pose (?:juste |simplement |seulement )?(?:la|une) question|"
    r"c est (?:juste |simplement |seulement )?pour (?:savoir|information|info|me renseigner)|"
    r"(?:simple|par) curiosite|je ne (?:vous )?demande (?:rien|pas) (?:\w+ ){0,4}"
    r"(?:pour l instant|pour le moment|encore|maintenant)|"
    r"je ne prends pas (?:de )?rendez vous|just (?:asking|wondering)|only asking|"
    r"asking for now|i ll apply later|"
    r"for (?:information|now) only)\b"
)


# Another adult, named (redacted as a third party): "de ma mère, [TIERS_1]", "ma voisine
# âgée, Mme [TIERS_2]". The household's children keep their given names and are no third party.
_RELATIVES = (r"(?:(?:grand|belle|beau|ex|demi) )?(?:mere|pere|fils|fille|voisine?s?|tante|"
              r"oncle|soeur|frere|cousine?|amie?|mari|femme|compagnon|compagne|parents|mother|"
              r"conjointe?|epoux|epouse|concubine?|colocataire|coloc|copine?|collegue|gendre|"
              r"voisine? de palier|flatmate|roommate|housemate|partner|spouse|colleague|"
              r"father|son|daughter|neighbou?r|aunt|uncle|sister|brother|friend|husband|wife|"
              r"(?:mother|father|sister|brother) in law)")
_ANOTHER_NAMED = re.compile(
    rf"\b(?:ma|mon|notre|nos|mes|my|our) {_RELATIVES}\b(?: \w+){{0,8}}? "
    r"(?:(?:mme|m|madame|monsieur|mr|mrs|ms) )?tiers \d+\b|"
    r"\b(?:(?:her|his|their) name is|(?:elle|il) s appelle) tiers \d+\b"
)
# The citizen's own thing asked for beside it: "mon attestation, et aussi celle de ma mère".
# (An account, a mail address or a name is the channel, not the thing asked for.)
_OWN_THING = re.compile(
    rf"\b(?:mon|ma|mes|my) (?!{_RELATIVES}\b|(?:compte|espace|adresse mail|mail|e mail|email|"
    rf"telephone|portable|nom|account|phone|name)\b)\w+")
# What the request says is theirs: "son changement d'adresse", "inscrivez-la", "pour elle",
# "l'attestation de mon ex-mari", "my daughter's certificate".
_THEIRS = re.compile(
    rf"\b(?:tiers \d+|son|sa|ses|leur|leurs|pour elle|pour lui|pour eux|a sa place|en son nom|"
    rf"inscri\w* la|inscri\w* le|l inscri\w*|lui (?:faire|demander|envoyer)|le lui|la lui|"
    rf"les lui|his|her|hers|their|for her|for him|"
    rf"(?:de|of) (?:ma|mon|mes|my) {_RELATIVES}|my {_RELATIVES} s)\b"
)
# A request that only points back at what was named ("Pouvez-vous me l'envoyer ?").
_BACK_ONLY = re.compile(
    r"^(?:(?:pouvez|pourriez) vous |merci de |svp )?(?:me |m )?(?:l |le |la |les )?"
    r"(?:envoyer|envoyez|transmettre|transmettez|faire parvenir)(?: le| la| les)?(?: moi)?"
    r"(?: svp| s il vous plait| merci)?$"
)


# "Il m'a demandé de déclarer son changement d'adresse": a request made on their behalf.
_ON_BEHALF = re.compile(r"\b(?:il|elle|ils|elles) (?:m|nous) (?:a|ont) (?:demande|charge)e? de\b|"
                        r"\b(?:he|she|they) asked (?:me|us) to\b")


# "J'ai déménagé au 30 rue…": the citizen's own move, declared, whatever else is asked.
_OWN_MOVE = re.compile(r"\b(?:j ai|nous avons|on a|je viens de) (?:demenage|emmenage)\b|"
                       r"\bje (?:vous )?declare (?:mon|notre) (?:demenagement|changement)\b")


def for_another(text: str) -> bool:
    """Whether every request of the text is for another adult it names, not for the citizen:
    a démarche is made in the name of the person whose case it is (another person's record
    is theirs to ask for), so such a demand goes to a person rather than being run."""
    norm = normalise(text)
    if not _ANOTHER_NAMED.search(norm) or _OWN_MOVE.search(norm):
        return False
    requests = [r for r in (normalise(s) for s in sentences(text)
                            if asks(s) or _ON_BEHALF.search(normalise(s)))
                if not _BACK_ONLY.match(r)]
    return bool(requests) and all(_THEIRS.search(r) for r in requests) and not any(
        _OWN_THING.search(r) for r in requests)


def declares_inquiry(text: str) -> bool:
    """Whether the citizen says they only want to know, not to start the démarche."""
    return bool(_INQUIRY.search(normalise(text)))


def is_question(sentence: str, *, follow_up: bool = False) -> bool:
    """A sentence that asks how a démarche works rather than asks for it; with `follow_up`
    (after such a question), any sentence ending with a question mark."""
    norm = normalise(sentence)
    if not norm or _OWN_CASE.search(norm) or _WANTS.search(norm):
        return False
    if follow_up and sentence.rstrip().endswith("?"):
        return True
    if _INFO_INTRO.search(norm):
        return True
    if _QUESTION_START.match(norm) and not (_ENGLISH_START.match(norm)
                                            and not sentence.rstrip().endswith("?")):
        return True
    # "Si la CAF ne répond pas, c'est accepté ou refusé ?": a rule asked about.
    return sentence.rstrip().endswith("?") and bool(
        _QUESTION_ANY.search(norm) or re.search(r"(?:^|\s)si\s|\bqui\b", norm))


# A request that points back to a démarche already named: "je voudrais faire la demande".
_BACK = re.compile(
    r"\b(?:(?:faire|deposer|envoyer) (?:la|cette|ma) demande|(?:la|le|les|l) (?:demander|faire)|"
    r"je (?:la|le|les|l) (?:demande|veux|voudrais|souhaite))\b\W*$"
)


def asks_anew(clause: str) -> bool:
    """Whether the clause asks for something of its own, not for what was already named."""
    norm = normalise(clause)
    return bool(_ASKS.search(norm)) and not _BACK.search(norm)


def has_subject(clause: str) -> bool:
    """Whether the clause has a subject or a verb of its own (not a bare noun phrase)."""
    return bool(_SUBJECT.search(normalise(clause)))


# A request typed as a bare infinitive ("changer la carte grise de la YM-606-JR") is a
# clause of its own, not the subject of the one after it.
_INFINITIVE = re.compile(
    r"\b(?:changer|modifier|mettre|inscrire|refaire|renouveler|envoyer|demander|declarer|"
    r"signaler|faire)\b")


def clauses(sentence: str) -> list[str]:
    """The sentence's clauses, a relative clause kept with what it is about ("ma voisine,
    qui touche le RSA") and a bare topic with what is said of it ("La carte grise, je l'ai
    déjà changée")."""
    merged: list[str] = []
    # A parenthesis is one clause of its own: "(pour les impôts et la CAF c'est fait)".
    pieces: list[str] = []
    for i, segment in enumerate(re.split(r"[()]", sentence)):
        pieces.extend([segment] if i % 2 else _CLAUSES.split(segment))
    for part in (p for p in pieces if p.strip()):
        if merged and _RELATIVE.match(normalise(part)):
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    out: list[str] = []
    pending = ""
    for part in merged:
        norm = normalise(part)
        verbless = (not _ASKS.search(norm) and not _SUBJECT.search(norm)
                    and not _INFINITIVE.search(norm))
        short = verbless and len(content_words(part)) <= _SHORT_CLAUSE
        if verbless and not short and not out and not pending:
            # "Le changement d'adresse auprès des impôts et de la CPAM est fait": a subject
            # without its verb opens the clause that follows.
            pending = f"{part}, "
            continue
        if short and out and not pending:
            # A short tail ("…au 9 rue du Moulin, 35000 Rennes") ends the clause before it.
            out[-1] = f"{out[-1]}, {part}"
        elif short:
            # A short head ("La carte grise, je l'ai changée") opens the clause after it.
            pending = f"{pending}{part}, "
        else:
            out.append(f"{pending}{part}")
            pending = ""
    if pending:
        out.append(pending.rstrip(", "))
    return out


# "Il me reste à …", "c'est seulement …": this démarche and no other.
_ONLY = re.compile(
    r"\b(?:il (?:ne )?(?:me |nous )?reste (?:plus )?(?:que |qu |a )|"
    r"il (?:ne )?(?:me |nous )?manque (?:plus )?(?:que |qu )|"
    # "la carte grise de la VE-246-MZ seulement": which vehicle, not which démarche.
    r"(?<![a-z]{2} \d{3} [a-z]{2} )(?<!voiture )(?<!vehicule )(?<!moto )"
    r"(?:seulement|uniquement)|juste|rien d autre que|only|just)\b"
)


def exclusive(sentence: str) -> bool:
    """A sentence that asks for one thing and says it is the only one."""
    norm = normalise(sentence)
    return bool(_ONLY.search(norm))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCES.split(text) if s.strip()]


def asks(text: str) -> bool:
    return bool(_ASKS.search(normalise(text)))


# Giving what was asked for ("Suite à votre message, voici ma nouvelle adresse : …") is part
# of the demand, however the sentence opens.
_GIVES = re.compile(
    r"\b(?:voici|voila|ci joint|ci dessous) (?:ma|mon|mes|notre|nos|la|le|les|l)\b|"
    r"\bje vous (?:communique|transmets|donne|envoie|indique) (?:ma|mon|mes|notre|nos)\b"
)


_SAID_AFTER = 3  # content words after a leading negation that make a statement of their own


def mentions_only(sentence: str, *, corrections: bool = True) -> bool:
    """A sentence that states a fact (done, received, someone else's) and asks nothing;
    with `corrections`, a sentence that corrects what was said counts as one, and without,
    a correction is never a mere mention (its values are read)."""
    if not corrections and slots.corrects(sentence):
        return False
    if sentence.rstrip().endswith("?") and is_question(sentence):
        # "Peut-il déjà s'inscrire sur les listes ?": a question, not a thing done.
        return False
    kept = normalise(without_negated(sentence))
    if _GIVES.search(kept):
        return False
    # What a cut negation leaves of its subject ("… je [ne demande rien]") is no verb.
    core = re.sub(r"(?:^|\s)(?:je|j|on|nous|il|elle|ils|elles|i)$", "", kept).strip()
    first = _NEGATED.search(_folded(sentence))
    # "Sans vouloir me plaindre : des sacs traînent…": what follows a leading negation is
    # said in its own right, subject or not.
    leading = first is not None and not content_words(sentence[: first.start()]) and len(
        content_words(sentence[first.end():])) >= _SAID_AFTER
    if kept != normalise(sentence) and not leading and not _ASKS.search(core) and (
            not _SUBJECT.search(core) or not content_words(core)):
        # "pour ma carte d'identité, rien à faire": a topic whose only predicate is negated.
        return True
    stated = _MENTIONS.search(kept) or (corrections and _CORRECTS.search(kept))
    return bool(stated) and not _ASKS.search(kept)


def without_negated(text: str) -> str:
    """The text with negated demands cut out ("je ne demande pas le RSA" and what it names),
    as written otherwise (case and accents kept: names and addresses are read from it)."""
    out, position = [], 0
    for m in _NEGATED.finditer(_folded(text)):
        out.append(text[position : m.start()])
        position = m.end()
    out.append(text[position:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out)).strip()


def _cue_only(clause: str) -> str:
    """A clause that corrects and otherwise only mentions, cut to its correction cue."""
    cue = slots.correction_span(clause)
    if cue is None:
        return clause
    rest = clause[cue[1]:]
    return clause[: cue[1]] if rest.strip() and mentions_only(rest, corrections=True) else clause


def asked_part(text: str, *, corrections: bool = True) -> str:
    """The sentences that may ask for something, negated phrases cut out, in order.

    `corrections=False` keeps the sentences that correct a value (for reading values, not
    démarches). Returns the text unchanged when it has nothing to take out.
    """
    kept: list[str] = []
    changed = False
    for sentence in sentences(text):
        norm = normalise(sentence)
        if _NOT_NOW.search(norm) and not _ASKS.search(norm):
            changed = True
            continue
        mind = _CHANGED_MIND.search(_folded(sentence))
        if mind:
            # "J'avais pensé demander un logement social mais finalement non, …": what the
            # citizen thought of asking, then gave up, goes; what follows the cue stays.
            changed = True
            sentence = sentence[mind.end():].lstrip(" ,;:-")
            if not content_words(sentence):
                continue
            norm = normalise(sentence)
        cue = _CORRECTS.search(_folded(sentence)) if corrections else None
        if cue and mentions_only(sentence, corrections=True):
            # A correction speaks of what was said, not of a démarche: what it corrects
            # ("Inscription à la cantine pour Loane, pardon…") is kept, the rest goes.
            changed = True
            sentence = sentence[: cue.start()].rstrip(" ,;:-")
            if not content_words(sentence):
                continue
        parts = clauses(sentence)
        if not corrections:
            # "Ah non pardon, Yves y mange déjà, c'est Juliette": the correction's cue stays
            # (it says which value wins), what it only mentions goes.
            cut = [_cue_only(c) for c in parts]
            if cut != parts:
                changed, parts = True, cut
                sentence = ", ".join(parts)
        mentioned = [mentions_only(c, corrections=False) or bool(
            corrections and _OTHERS_DATA.search(normalise(c))) for c in parts]
        if len(parts) > 1 and not all(mentioned) and any(mentioned):
            # "J'ai déjà ma carte vitale, mais la pharmacie me demande une attestation":
            # the clause that mentions goes, the rest of the sentence stays.
            changed = True
            sentence = ", ".join(c for c, m in zip(parts, mentioned, strict=True) if not m)
        elif mentions_only(sentence, corrections=corrections) or (all(mentioned) and corrections):
            changed = True
            continue
        if _NEGATED.search(_folded(sentence)):
            changed = True
            sentence = without_negated(sentence)
        kept.append(sentence)
    return "\n".join(kept) if changed else text
