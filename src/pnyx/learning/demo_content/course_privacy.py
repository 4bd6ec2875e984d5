"""Demo course: privacy basics for citizens (digital literacy, in English, by the Groningen
Governance Lab)."""

from pnyx.learning.demo_content.specs import (
    GRONINGEN,
    DemoCourse,
    DemoExercise,
    DemoLesson,
    DemoModule,
)

_PERSONAL = DemoLesson(
    title="Personal data, in plain words",
    body="""**Personal data** is any information about a person who can be identified — by
name, or by combining a few details. A name is personal data; so is a phone number, a photo,
a licence plate, or "the only teacher over sixty in the village school".

## Less obvious cases

- **Metadata**: who called whom, when and from where says a lot, even without the content.
- **Pseudonymous data**: a table where names are replaced by numbers is still personal data
  while someone holds the key.
- **Sensitive data**: health, religion, political opinions, sexual life, ethnic origin.
  Most data-protection laws protect these more strictly.

## Why it matters in civic life

Petitions, consultations and volunteer rosters collect names and opinions. Whoever organises
them should collect only what they need, say why, keep it safe, and delete it when the purpose
is over. On Pnyx, your personal-data page lists what each part of the site holds about you.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt="Which of these are personal data? Choose all that apply.",
            choices=(
                "A photo of you at a public meeting",
                "The total number of votes on a proposition",
                "The licence plate of your car",
                "A table of volunteers where names are replaced by numbers, and the key is kept",
            ),
            correct=(0, 2, 3),
            explanation=(
                "A total of votes is not about any one person. The numbered table still is "
                "personal data while the key exists."
            ),
        ),
    ),
)

_ACCESS = DemoLesson(
    title="Asking an organisation what it holds about you",
    body="""In many countries you have the right to ask any organisation — a ministry, a
bank, a school, an association — for a copy of the personal data it holds about you. It is
usually called a **subject access request**.

## What to ask for

1. a copy of the data itself;
2. why they hold it, and on which legal ground;
3. where they got it, if not from you;
4. who they shared it with;
5. how long they will keep it;
6. whether a decision about you was made automatically, and how.

## How to ask

Write to the organisation's data-protection contact (often named in its privacy notice). Say
who you are, which data you ask about, and give a way to confirm your identity that does not
hand over more data than needed. Keep a copy and the date: many laws give about **one month**
to answer, sometimes longer for complex requests. Asking is free in most cases.

If they do not answer, or refuse without a good reason, you can complain to the
data-protection authority of your country.""",
    exercises=(
        DemoExercise(
            kind="short",
            prompt=(
                "Under many data-protection laws, about how long does an organisation have to "
                'answer an access request? (for example: "two weeks")'
            ),
            accepted=("one month", "1 month", "a month", "30 days"),
            wrong="one week",
            explanation="Usually about one month, sometimes extended for complex requests.",
        ),
        DemoExercise(
            kind="choice",
            prompt="Which of these may you ask for in an access request?",
            choices=(
                "Who the organisation shared your data with",
                "The personal data it holds about your neighbour",
                "The salaries of its staff",
            ),
            correct=(0,),
            explanation="The right covers your own data and what is done with it.",
        ),
    ),
)

_ACCOUNTS = DemoLesson(
    title="Strong accounts: passphrases and a second step",
    body="""Most accounts are not hacked by genius: they are opened with a password that was
guessed, reused or phished.

## Three habits

- **A passphrase per site.** Four or five random words are easier to remember and harder to
  guess than a short password full of symbols. Never reuse one: when one site leaks, every
  account with the same password falls.
- **A password manager** remembers them for you, and refuses to fill them in on a fake site.
- **A second step** (a code from an app, or a security key) means a stolen password is not
  enough. Turn it on first for your e-mail: it can reset every other account.

## For groups and associations

Give each volunteer their own account instead of sharing one; remove access when someone
leaves; and keep the list of members where only those who need it can read it.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt="Which account should get a second sign-in step first?",
            choices=(
                "Your e-mail account",
                "A newspaper you read once a month",
                "An old game account",
            ),
            correct=(0,),
            explanation="Your e-mail can reset the passwords of almost every other account.",
        ),
    ),
)

_CHECKING = DemoLesson(
    title="Before you share: checking a message",
    body="""Messages that make you angry or afraid travel fastest — and are the ones most
worth checking. Before forwarding, take one minute:

1. **Who says it?** Is the source named? Can you find it outside the message itself?
2. **What is the evidence?** A document, a dataset, a named witness — or only "everyone
   knows"?
3. **When?** Old photos and stories come back with new captions.
4. **What do others say?** Search for the claim with the word "false" or "verified".

The same minute protects you from **phishing**: a message that urges you to click, pay or sign
in right now, from an address that is almost right, is a trap until proved otherwise. Go to the
site yourself instead of following the link.""",
    exercises=(
        DemoExercise(
            kind="choice",
            prompt=(
                "A message says your town hall account will be closed tonight unless you sign "
                "in through the link. What do you do?"
            ),
            choices=(
                "Click quickly before it closes",
                "Open the town hall's site yourself, or call them, without using the link",
                "Forward it to friends so they are warned too",
            ),
            correct=(1,),
            explanation="Urgency and a link to sign in are the two marks of phishing.",
        ),
    ),
)

COURSE = DemoCourse(
    slug="privacy-basics",
    partner=GRONINGEN,
    title="Your data, your rights: privacy basics",
    summary=(
        "What counts as personal data, how to ask an organisation what it holds about you, "
        "and how to take part online safely."
    ),
    description="""Taking part in public life online means leaving traces: names on
petitions, opinions in consultations, photos of meetings. This short course explains what
personal data is, the rights you have over it, and a few habits that keep you and your group
safe.

Four lessons, each with an exercise. Teachers may use it in class: each lesson takes about
one class period.""",
    language="en",
    level="beginner",
    hours=6,
    credits="1",
    topics=("algorithms", "digital-governance"),
    tools=("my-data-request", "decision-explainer", "safe-meeting-guide"),
    modules=(
        DemoModule(title="What others know about you", lessons=(_PERSONAL, _ACCESS)),
        DemoModule(title="Taking part safely", lessons=(_ACCOUNTS, _CHECKING)),
    ),
)
