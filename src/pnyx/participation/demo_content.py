"""The texts of the demo consultation, written for Pnyx (see `pnyx.participation.demo`)."""

TITLE = "Democracy Night"
SUMMARY = (
    "One evening, three questions, everyone's ideas: how to learn democracy early, how to let "
    "all of civil society in, and how to build trust in data and algorithms."
)
BODY = """\
Democracy Night brings residents, students, associations and public servants together for one
evening, in the room and online. Everyone may **propose**, **support** the propositions they
like and **comment**.

The propositions with the most support become the first draft of our program. The organisers
answer each of them publicly: accepted, rejected (with the reason) or implemented.

- the information phase explains the three questions;
- the proposing phase is open now: propose, support and discuss;
- the voting phase will rank the final list.
"""

QUESTIONS = [
    (
        "How can we educate citizens, from an early age, to take part both online and offline?",
        "Schools, universities, libraries, radio, neighbourhood meetings: where and how do people "
        "learn to take part?",
    ),
    (
        "How can more of civil society take part in open government?",
        "Who is missing from consultations today, and what would bring them in?",
    ),
    (
        "How do we build trust: personal data and transparent algorithms?",
        "What would make you trust how public bodies use your data and the algorithms that "
        "decide or rank for you?",
    ),
]

#: (title, body) for each question, in the order of QUESTIONS.
PROPOSITIONS: list[list[tuple[str, str]]] = [
    [
        (
            "Read the town budget in civics class",
            "Once a year, pupils study their own municipality's budget and send their questions to "
            "the council, which answers in class.",
        ),
        (
            "Course credit for civic projects",
            "Students who run a real civic project (a survey, a repair café, a local campaign) can "
            "have it count toward their degree after a short report.",
        ),
        (
            "Give student councils a real budget",
            "A small yearly budget that the student council spends after an open vote among "
            "pupils: the first vote that changes something.",
        ),
        (
            "Claim-checking clubs in public libraries",
            "Weekly sessions where anyone learns to check a viral claim against official figures.",
        ),
        (
            "A youth parliament day in every town",
            "Pupils draft, debate and vote a motion in the real council chamber, with councillors "
            "answering them.",
        ),
        (
            "Teach statistics with real open data",
            "Maths classes use the datasets the city publishes instead of invented numbers.",
        ),
        (
            "Evening classes on online public services",
            "Free sessions at the town hall on filing forms, finding public data and following a "
            "consultation online.",
        ),
        (
            "Train the teachers first",
            "Teachers get paid time to learn participation tools before they are asked to teach "
            "them.",
        ),
        (
            "Teenagers and elders teach each other",
            "Teens show older neighbours the online tools; elders explain how local decisions were "
            "made before the internet.",
        ),
        (
            "Radio programmes on how a law is made",
            "Short weekly programmes in local languages following one bill from idea to vote.",
        ),
        (
            "Every class attends one council meeting a year",
            "Seeing a real debate, then discussing it at school, makes politics concrete.",
        ),
        (
            "A free online course on reading a bill",
            "Short videos and exercises to understand an article of law and its amendments.",
        ),
        (
            "A board game about the municipal budget",
            "Players balance schools, transport and housing; used in primary schools and youth "
            "centres.",
        ),
        (
            "A two-minute video for every consultation",
            "Each consultation opens with a plain-language video on what is asked and what will be "
            "done with the answers.",
        ),
        (
            "A civic education bus for rural areas",
            "A bus with computers and a facilitator visits villages on market days.",
        ),
        (
            "Students follow one government commitment",
            "University students monitor one commitment of the national action plan and publish "
            "what they find.",
        ),
        (
            "Pair first-time participants with a mentor",
            "Someone who already took part guides a newcomer through their first consultation.",
        ),
        (
            "Media literacy from primary school",
            "Who wrote this, why, and how do we know? Asked about every text, from age eight.",
        ),
        (
            "Open the school's own decisions",
            "Publish the school budget and let pupils and parents comment on it before the board "
            "votes.",
        ),
        (
            "Civic materials in sign language and easy-read",
            "Every guide on taking part also exists in sign language video and easy-to-read text.",
        ),
        (
            "Summer schools for young community leaders",
            "A week of workshops on participation tools, public data and running a meeting.",
        ),
        (
            "Real consultations as homework",
            "Classes write a proposition together and submit it to an open consultation.",
        ),
        (
            "A record of civic engagement for adults",
            "People who volunteer in consultations can download a verifiable record to show an "
            "employer.",
        ),
        (
            "Computers and a helper in every town hall",
            "Free access to a computer with someone on duty to help people take part online.",
        ),
    ],
    [
        (
            "Consult people where they already are",
            "Stands at markets, stations and health centres, with paper forms counted alongside "
            "online votes.",
        ),
        (
            "Paper ballots count as much as clicks",
            "Everything that can be done online can be done on paper, entered by a facilitator and "
            "marked as such.",
        ),
        (
            "Childcare during public meetings",
            "Parents of young children are the first to miss evening meetings.",
        ),
        (
            "Meetings in the evening and at weekends",
            "Working people cannot attend meetings held at 10 a.m. on a Tuesday.",
        ),
        (
            "Every consultation in the main local languages",
            "Translate the questions and the summary of results, not only the title.",
        ),
        (
            "A small fund for neighbourhood debates",
            "Grants of a few hundred euros to groups that organise a local debate and report back.",
        ),
        (
            "Practitioners lend a few hours a month",
            "Developers, lawyers and designers offer time to small associations that lack those "
            "skills.",
        ),
        (
            "A directory of civic tools rated by their users",
            "Associations say which tools worked for them, and for what.",
        ),
        ("Vote by text message", "People without a smartphone can support a proposition by SMS."),
        (
            "Invite unions and cooperatives, not only NGOs",
            "Farmers' cooperatives, trade unions and sports clubs represent many people who never "
            "join an NGO.",
        ),
        (
            "Big NGOs mentor new local groups",
            "An established association coaches a young group through its first year.",
        ),
        (
            "Citizens' panels drawn by lot",
            "A panel drawn at random, paid for its time, reviews the results of each consultation.",
        ),
        (
            "Accessible by default",
            "Every page and document works with a screen reader, in large text and as audio.",
        ),
        (
            "Report back in person after each consultation",
            "A public meeting where the organisers explain what they kept, what they dropped and "
            "why.",
        ),
        (
            "Open data help desks in neighbourhoods",
            "Volunteers help residents find and understand the data about their street.",
        ),
        (
            "Work with diaspora associations",
            "People abroad care about their home towns and bring useful experience.",
        ),
        (
            "Public servants hold office hours in community centres",
            "Once a month, the people who write the policies come to listen.",
        ),
        (
            "Pay travel costs for remote participants",
            "Nobody should stay home from a workshop because the bus is too expensive.",
        ),
        (
            "Youth seats on every steering group",
            "At least two members under 25 in each group that steers a consultation.",
        ),
        (
            "Two-page grant applications for grassroots groups",
            "A short form, a decision within a month and a plain-language reason if refused.",
        ),
        (
            "Publish meeting notes and recordings",
            "Those who could not come can still follow and react.",
        ),
        (
            "A campaign toolkit for local causes",
            "Templates, checklists and examples for running a campaign, free to reuse.",
        ),
        (
            "Petitions that trigger an official answer",
            "Past a threshold of signatures, the authority must answer publicly within two months.",
        ),
        (
            "Count offline workshops as official input",
            "Propositions from a workshop run by a facilitator go into the consultation like any "
            "other.",
        ),
    ],
    [
        (
            "Publish every algorithm that ranks or selects",
            "Its purpose, its factors and their weights, and its code, in a public register.",
        ),
        (
            "A personal data dashboard for every resident",
            "See what each administration holds about you and who looked at it.",
        ),
        (
            "Tell people when their file is consulted",
            "A notification each time a public service opens your file, with the reason given.",
        ),
        (
            "Yearly independent audits of public algorithms",
            "An independent body tests them and publishes its report in full.",
        ),
        (
            "A human review of every automated decision",
            "Anyone affected by an automated decision can ask a person to look at it again.",
        ),
        (
            "Software paid with public money is open source",
            "So anyone can check what it does and reuse it.",
        ),
        (
            "Every published figure links to its data",
            "Official numbers come with the dataset and the method behind them.",
        ),
        (
            "Collect only what is needed",
            "Each form explains why each question is asked; unneeded questions are removed.",
        ),
        (
            "Explain every recommendation in plain words",
            "When a service suggests something, it says why, in one sentence.",
        ),
        (
            "A public register of data-sharing agreements",
            "Which agencies share which data with whom, and on what legal basis.",
        ),
        (
            "Citizen juries on algorithm impact",
            "A jury drawn by lot reviews the impact assessment before a system is used.",
        ),
        (
            "Delete data on a published schedule",
            "Each kind of record has a retention period that anyone can look up.",
        ),
        (
            "A tamper-evident log of official decisions",
            "Decisions are chained so that changing one after the fact is detectable.",
        ),
        (
            "Test for bias before deployment",
            "Systems are tested on different groups of people and the results are published.",
        ),
        ("Never sell data collected by public services", "Written into law, with penalties."),
        (
            "Track commitments publicly",
            "Each government commitment shows its status and the evidence behind it.",
        ),
        (
            "Answer data correction requests within 30 days",
            "And publish how many requests were made and answered.",
        ),
        (
            "Keep public data on infrastructure the public controls",
            "Hosting choices are published and reviewed every year.",
        ),
        (
            "Open the meetings where systems are chosen",
            "Minutes of procurement decisions for algorithmic systems are public.",
        ),
        (
            "A charter of data principles for cities",
            "Cities sign it, and a yearly review checks whether they keep it.",
        ),
        (
            "Explain what happened to each proposition",
            "After a consultation, every proposition gets an answer: kept, changed or dropped, and "
            "why.",
        ),
        (
            "Protect people who report data misuse",
            "Whistleblowers inside administrations are protected by law and by procedure.",
        ),
        (
            "Download everything held about you in one click",
            "In an open format, free of charge, at any time.",
        ),
        (
            "Label automated public messages",
            "Letters and chat answers written by a machine say so.",
        ),
    ],
]
