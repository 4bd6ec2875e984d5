"""Demo course: asking for public information (open government, in French, by the Bouaké
Citizenship School)."""

from pnyx.learning.demo_content.specs import (
    BOUAKE,
    DemoCourse,
    DemoExercise,
    DemoLesson,
    DemoModule,
)

_RIGHT = DemoLesson(
    title="Ce que vous avez le droit de demander",
    body="""Dans de nombreux pays, une loi sur l'accès à l'information permet à toute personne
de demander les documents que détient une administration : rapports, contrats, budgets,
comptes rendus de réunion, statistiques.

## Les principes communs

- **Toute personne** peut demander, sans dire pourquoi ni pour quoi faire.
- On demande des **documents qui existent** : l'administration n'est pas tenue de faire une
  étude pour vous, mais elle doit vous transmettre ce qu'elle a.
- Certaines informations sont **protégées** : la vie privée des personnes, la sécurité
  nationale, les secrets d'affaires. Une exception doit être justifiée, et le reste du
  document peut souvent être communiqué, les passages protégés masqués.
- La réponse a un **délai**, fixé par la loi.

## Pourquoi c'est utile à l'école

Une classe qui suit un projet de la mairie — une cantine, un forage, une route — peut demander
le contrat, le calendrier des travaux ou le procès-verbal de réception. C'est un excellent
exercice de citoyenneté, et les réponses font de bons exposés.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt="Pour demander un document administratif, faut-il expliquer pourquoi ?",
            choices=(
                "Oui, toujours, et par écrit",
                "Non : dans la plupart des lois, on n'a pas à justifier sa demande",
                "Seulement si l'on est journaliste",
            ),
            correct=(1,),
            explanation="Le droit d'accès appartient à toute personne, sans motif à donner.",
        ),
    ),
)

_WHO = DemoLesson(
    title="Trouver le bon organisme",
    body="""Une demande envoyée au mauvais service se perd. Avant d'écrire, cherchez qui
**détient** le document.

1. **Qui a décidé ?** Un conseil municipal, un ministère, une agence régionale ?
2. **Qui a payé ?** Le budget d'où vient l'argent indique souvent le service responsable.
3. **Qui a publié quelque chose sur le sujet ?** Un communiqué, une page du site officiel.

Beaucoup d'administrations ont une **personne responsable de l'accès à l'information** : son
adresse figure sur le site officiel ou au tableau d'affichage. Si vous ne trouvez personne,
écrivez au secrétariat général, qui doit transmettre votre demande au bon service.

Conseil : regardez d'abord si le document n'est pas déjà publié. Une recherche de cinq
minutes évite parfois un mois d'attente.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt=(
                "Votre classe veut le contrat de construction du nouveau forage du quartier, "
                "payé par la commune. À qui écrire d'abord ?"
            ),
            choices=(
                "À l'entreprise qui a foré",
                "À la mairie, qui a signé et payé le contrat",
                "Au journal local",
            ),
            correct=(1,),
            explanation="La commune a signé le contrat : c'est elle qui le détient.",
        ),
    ),
)

_WRITE = DemoLesson(
    title="Rédiger une demande claire",
    body="""Une bonne demande est courte, précise et datée. Voici un modèle à adapter.

> **Objet :** demande d'accès à un document administratif
>
> Madame, Monsieur,
>
> En application de la loi sur l'accès à l'information, je vous demande de bien vouloir me
> communiquer **le contrat de construction du forage du quartier Dar-Es-Salam, signé en 2024,
> avec ses avenants**.
>
> Je souhaite le recevoir par courrier électronique, à l'adresse ci-dessous.
>
> Je vous remercie de m'indiquer la date à laquelle ma demande a été enregistrée.

## Les points qui comptent

- **Un document par phrase**, nommé le plus précisément possible (titre, date, montant).
- **La forme souhaitée** : copie électronique, papier, consultation sur place.
- **Gardez une trace** : la date d'envoi, l'accusé de réception, le nom du service.

Un outil de suivi des délais vous rappelle quand la réponse doit arriver.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt="Laquelle de ces demandes a le plus de chances d'aboutir vite ?",
            choices=(
                "« Envoyez-moi tout ce que vous avez sur l'eau. »",
                "« Je demande le contrat du forage de Dar-Es-Salam signé en 2024, avec ses "
                "avenants. »",
                "« Pourquoi le forage a-t-il coûté si cher ? »",
            ),
            correct=(1,),
            explanation=(
                "Elle nomme un document précis. La troisième pose une question au lieu de "
                "demander un document."
            ),
        ),
    ),
)

_APPEAL = DemoLesson(
    title="Quand la réponse ne vient pas",
    body="""Le délai est passé et rien n'est arrivé ? Ce silence est souvent considéré comme un
refus, et il se conteste.

1. **Relancez** par écrit, en rappelant la date de votre demande et le délai légal.
2. **Demandez un recours** auprès de l'autorité prévue par la loi : une commission d'accès à
   l'information, un médiateur ou un tribunal, selon les pays. Joignez votre demande, la
   preuve d'envoi et la réponse (ou l'absence de réponse).
3. **Rendez public le résultat** : une demande restée sans réponse, datée et documentée, est
   elle aussi une information.

Un refus doit être motivé : il cite l'exception appliquée. Si seule une partie du document est
protégée, demandez le reste.""",
    exercises=(
        DemoExercise(
            kind="short",
            prompt=(
                "Comment appelle-t-on la démarche qui consiste à demander à une autorité de "
                "revoir un refus ? (un mot)"
            ),
            accepted=("recours", "un recours", "appel"),
            wrong="plainte",
            explanation="Un recours, devant l'autorité prévue par la loi.",
        ),
    ),
)

COURSE = DemoCourse(
    slug="demander-information-publique",
    partner=BOUAKE,
    title="Demander l'information publique",
    summary=(
        "Le droit de savoir en pratique : trouver le bon organisme, rédiger une demande claire "
        "et faire valoir ses droits quand la réponse ne vient pas."
    ),
    description="""Budgets, contrats, comptes rendus : une grande partie de ce que fait une
administration peut être demandée par n'importe qui. Ce cours, conçu pour les élèves de
terminale et ouvert à tous, vous apprend à le faire pas à pas.

- deux modules, quatre leçons, environ six heures ;
- un exercice à la fin de chaque leçon ;
- un modèle de demande à réutiliser.""",
    language="fr",
    level="beginner",
    hours=6,
    credits="1",
    topics=("access-to-information", "education"),
    tools=("ask-the-state", "foi-deadline-tracker", "appeal-writer"),
    modules=(
        DemoModule(title="Le droit d'accès", lessons=(_RIGHT, _WHO)),
        DemoModule(title="Écrire et suivre sa demande", lessons=(_WRITE, _APPEAL)),
    ),
)
