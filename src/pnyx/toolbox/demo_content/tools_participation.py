"""Demo tools for taking part: participatory budgets, deliberation, petitions and parliaments.
Fictional, written for Pnyx."""

from pnyx.toolbox.demo_content import DemoTool as T

TOOLS = [
    # Participatory budgeting
    T(
        "Common Purse",
        "A participatory budgeting platform where residents propose projects and vote on them.",
        "Residents post project ideas on a map, officials check their cost and feasibility, and "
        "everyone votes within the envelope the council set aside. Results are published with "
        "the full count, ballot by ballot, so anyone can recount them.",
        "AGPL-3.0-or-later",
        "free",
        "en fr es pt",
        "public-participation fiscal-openness",
        "mature",
        "running the yearly participatory budget",
    ),
    T(
        "Pocket Budget",
        "Participatory budgeting on basic phones: proposals and votes by text message.",
        "Built for towns where few people have a smartphone. Residents send a short code to vote "
        "for a project, and a volunteer desk enters paper proposals. Each phone number votes "
        "once; numbers are hashed and deleted when the vote closes.",
        "MIT",
        "free",
        "en fr sw",
        "public-participation fiscal-openness gender-inclusion",
        "in_use",
        "collecting budget votes by SMS",
        ("Common Purse",),
    ),
    T(
        "Ballot Garden",
        "A hosted service for school and neighbourhood budgets, set up in an afternoon.",
        "Ballot Garden offers templates for the usual steps of a small participatory budget: "
        "ideas, costing, vote, follow-up. Schools get a free plan; municipalities pay a yearly "
        "subscription that includes support by phone.",
        "",
        "freemium",
        "en es it",
        "public-participation education",
        "mature",
        "running a school participatory budget",
        ("Common Purse",),
    ),
    T(
        "Project Tracker for Voted Works",
        "Follows each project voted in a participatory budget until it is built.",
        "Once the vote is over, each winning project gets a page with its stages, photos from the "
        "site and the money spent so far. Residents subscribe to the projects of their street and "
        "are told when a deadline slips.",
        "GPL-3.0-or-later",
        "free",
        "en pt es",
        "public-participation fiscal-openness",
        "in_use",
        "reporting on the works chosen by residents",
    ),
    T(
        "Cost Card Kit",
        "Printable cards that show what common public works cost, for budget workshops.",
        "A deck of cards with the typical price of a bench, a street light, a kilometre of cycle "
        "lane or a year of a youth worker. Facilitators use it so that residents weigh ideas "
        "against each other before they vote.",
        "CC-BY-4.0",
        "free",
        "en fr es",
        "public-participation fiscal-openness education",
        "mature",
        "budget workshops with residents",
    ),
    T(
        "Quadra Vote",
        "A voting module where people spread credits across projects instead of one vote each.",
        "Voters receive a number of credits and can put several on a project they care about, at "
        "a rising cost. The results page explains the method in plain words and shows how the "
        "ranking would look with one vote per person.",
        "MIT",
        "free",
        "en de",
        "public-participation algorithms",
        "prototype",
        "testing weighted votes on local projects",
        ("Common Purse",),
    ),
    T(
        "Youth Budget Box",
        "A kit and web app for budgets decided by teenagers.",
        "Designed with youth councils, it keeps the steps short, uses pictures rather than "
        "forms and asks for no personal data beyond the school year. Teachers get a lesson plan "
        "for each step.",
        "EUPL-1.2",
        "free",
        "en fr nl",
        "public-participation education",
        "in_use",
        "a youth council budget",
        ("Ballot Garden",),
    ),
    T(
        "Ward Fund Ledger",
        "Publishes how constituency development funds are spent, project by project.",
        "Elected members in many countries manage a small fund for their constituency. The ledger "
        "lists every project it pays for, with the contractor, the amount and a photo, and lets "
        "residents flag a project they cannot find on the ground.",
        "AGPL-3.0-or-later",
        "free",
        "en sw",
        "fiscal-openness anti-corruption",
        "in_use",
        "monitoring constituency funds",
    ),
    # Deliberation and consultation
    T(
        "Roundtable",
        "An online consultation platform with proposals, comments, votes and official answers.",
        "Organisers open a process in phases, people propose and support ideas, and the "
        "organisation answers every proposal in public. All contributions can be exported as "
        "open data at the end.",
        "AGPL-3.0-or-later",
        "free",
        "en fr es ca",
        "public-participation digital-governance",
        "mature",
        "running public consultations",
    ),
    T(
        "Opinion Map",
        "Groups people by how they vote on short statements, to find common ground.",
        "Participants agree or disagree with statements written by others and add their own. "
        "The tool draws a map of opinion groups and highlights the statements that most groups "
        "agree on, which makes a good starting point for a workshop.",
        "AGPL-3.0-or-later",
        "free",
        "en zh-hant fr",
        "public-participation algorithms",
        "mature",
        "finding consensus statements before a decision",
    ),
    T(
        "Citizens' Jury Handbook",
        "A step-by-step method for random-selection juries on one public question.",
        "The handbook covers drawing the jury by lot, paying jurors, choosing balanced "
        "witnesses and writing recommendations the authority must answer. It comes with "
        "templates for letters, budgets and the final report.",
        "CC-BY-SA-4.0",
        "free",
        "en es",
        "public-participation",
        "mature",
        "organising a citizens' jury",
    ),
    T(
        "Sortition Draw",
        "Draws a representative panel by lot from a pool of volunteers, and shows its work.",
        "You set the quotas (age, gender, district, education) and the tool draws a panel that "
        "meets them, giving every volunteer a fair chance. It publishes the random seed and the "
        "steps so that anyone can repeat the draw.",
        "GPL-3.0-or-later",
        "free",
        "en de fr",
        "public-participation algorithms",
        "mature",
        "selecting citizens' assembly members",
        (),
    ),
    T(
        "Town Hall Queue",
        "Lets people ask questions before and during a public meeting, and vote on them.",
        "Questions are collected online and on paper at the door, then sorted by votes. The "
        "chair sees the queue on a tablet and can mark a question as answered; the list stays "
        "online afterwards with the answers.",
        "MIT",
        "free",
        "en fr",
        "public-participation",
        "in_use",
        "taking questions at council meetings",
    ),
    T(
        "Listening Circles",
        "A facilitation kit for small-group conversations in neighbourhoods.",
        "Eight printed guides for one-hour conversations on topics such as housing, safety or "
        "schools, with a note-taking sheet that turns what was said into a short report. It was "
        "written for volunteers, not professional facilitators.",
        "CC-BY-4.0",
        "free",
        "en fr es ar",
        "public-participation gender-inclusion",
        "mature",
        "neighbourhood conversations",
        ("Citizens' Jury Handbook",),
    ),
    T(
        "Consult Lite",
        "A simple comment-on-a-document tool for draft policies and regulations.",
        "Upload a draft and people comment paragraph by paragraph. The organiser groups similar "
        "comments, writes one answer for each group and publishes a summary of what changed.",
        "MPL-2.0",
        "free",
        "en pt",
        "public-participation access-to-information",
        "in_use",
        "consulting on draft regulations",
        ("Roundtable",),
    ),
    T(
        "Deliberation Room",
        "Video rooms with a shared agenda, speaking queue and timed rounds for online assemblies.",
        "Small groups meet in video rooms where the facilitator runs timed speaking rounds and "
        "the notes are written together. Recordings are off by default; captions are on.",
        "",
        "paid",
        "en de nl",
        "public-participation",
        "in_use",
        "online sessions of a citizens' assembly",
    ),
    T(
        "Assembly Scheduler",
        "Plans the sessions, speakers and materials of a citizens' assembly over several months.",
        "A shared planner for the team running an assembly: who speaks when, which documents "
        "members receive in advance, which interpreters are booked. Members see their own "
        "calendar and reading list.",
        "AGPL-3.0-or-later",
        "free",
        "en fr",
        "public-participation",
        "prototype",
        "planning an assembly's sessions",
    ),
    T(
        "Street Survey Board",
        "A portable board and sticker method for asking passers-by about local plans.",
        "A foldable board with a question and a scale; passers-by put stickers and a volunteer "
        "writes down their comments. The method sheet explains how to record results so they "
        "count alongside an online survey.",
        "CC0-1.0",
        "free",
        "en fr es",
        "public-participation gender-inclusion",
        "mature",
        "reaching people who never fill in online surveys",
    ),
    T(
        "Idea Harvest",
        "Collects ideas on a topic and clusters similar ones with a transparent method.",
        "People submit short ideas; the tool suggests clusters of similar ideas, which a human "
        "moderator accepts or splits. The clustering method and every moderator change are "
        "shown on a public page.",
        "Apache-2.0",
        "free",
        "en es",
        "public-participation algorithms",
        "prototype",
        "grouping ideas from large consultations",
        ("Opinion Map",),
    ),
    T(
        "Panel Compass",
        "A survey of a standing citizens' panel, invited by post and answered online or by phone.",
        "A municipality keeps a panel of residents drawn by lot and asks it a few questions each "
        "quarter. The tool handles invitations, reminders, phone answers and the weighting of "
        "results, and publishes the questionnaire with the results.",
        "",
        "on_request",
        "en nl",
        "public-participation",
        "mature",
        "a quarterly residents' panel",
        ("Sortition Draw",),
    ),
    # Petitions and citizen initiatives
    T(
        "Petition Point",
        "Petitions to a council or parliament, with a threshold that triggers an official answer.",
        "Anyone starts a petition, signatures are checked against a confirmed address, and once "
        "the threshold is reached the institution must publish an answer by a set date. Closed "
        "petitions stay online with their answer.",
        "AGPL-3.0-or-later",
        "free",
        "en fr de",
        "public-participation civic-space",
        "mature",
        "receiving petitions from residents",
    ),
    T(
        "Initiative Kit",
        "Helps citizen groups collect signatures for a legal initiative, online and on paper.",
        "It prints signature sheets with a code, tracks which sheets came back, and counts online "
        "signatures with identity checks where the law requires them. A dashboard shows "
        "progress towards the legal threshold by region.",
        "GPL-3.0-or-later",
        "free",
        "en it es",
        "public-participation civic-space",
        "in_use",
        "collecting signatures for a citizens' initiative",
        ("Petition Point",),
    ),
    T(
        "Signal Petition",
        "A petition service for campaigns, with e-mail updates to signers.",
        "Campaign groups start a petition in minutes and send updates to signers who opted in. "
        "The free plan has a cap on e-mails; paid plans add teams and exports.",
        "",
        "freemium",
        "en fr es pt",
        "civic-space",
        "mature",
        "campaign petitions",
        ("Petition Point",),
    ),
    T(
        "Response Clock",
        "Counts the days since a petition passed its threshold and shows which are overdue.",
        "It reads the petitions of a parliament or council and shows, for each one that passed "
        "the threshold, how long the institution has taken to answer. Journalists use the "
        "overdue list.",
        "MIT",
        "free",
        "en",
        "public-participation access-to-information",
        "prototype",
        "watching whether petitions get answered",
    ),
    # Parliaments and legislation
    T(
        "Bill Watch",
        "Follows bills through parliament, with each amendment and vote.",
        "Every bill gets a timeline from first reading to final vote, with the amendments tabled "
        "and how each member voted. People subscribe to a bill or a topic and get an e-mail at "
        "each stage.",
        "AGPL-3.0-or-later",
        "free",
        "en fr es",
        "access-to-information public-participation",
        "mature",
        "following bills in parliament",
    ),
    T(
        "Member Record",
        "A page per elected member: votes, questions, attendance and declared interests.",
        "Member Record gathers each member's votes, written questions, committee attendance and "
        "declarations into one page, with links to the official sources. It never rates "
        "members; it shows the record and lets readers judge.",
        "GPL-3.0-or-later",
        "free",
        "en pt fr",
        "access-to-information anti-corruption",
        "mature",
        "publishing what elected members do",
    ),
    T(
        "Hansard Search",
        "Full-text search over parliamentary debates, with speaker and date filters.",
        "It turns the published debate transcripts into searchable text and lets people quote "
        "a passage with a stable link. An alert sends new passages that mention a chosen word.",
        "Apache-2.0",
        "free",
        "en",
        "access-to-information",
        "mature",
        "searching parliamentary debates",
    ),
    T(
        "Council Minutes Reader",
        "Turns scanned council minutes into searchable text and a list of decisions.",
        "Small councils often publish minutes as scanned files. The reader recognises the text, "
        "finds the decisions and their votes, and builds a list of decisions per meeting that "
        "links back to the original page.",
        "MIT",
        "free",
        "en fr es",
        "access-to-information public-participation",
        "in_use",
        "making council minutes searchable",
        ("Hansard Search",),
    ),
    T(
        "Draft Law Commons",
        "Lets the public suggest amendments to a draft law, line by line.",
        "A parliament committee publishes the draft, people propose changes to a line and "
        "explain why, and the committee replies to each suggestion. The final law shows which "
        "public suggestions were kept.",
        "EUPL-1.2",
        "free",
        "en es pt",
        "public-participation access-to-information",
        "in_use",
        "crowd-sourcing amendments to draft laws",
        ("Consult Lite",),
    ),
    T(
        "Legislative Calendar",
        "A shared calendar of committee meetings and plenary sessions, as iCal and open data.",
        "It reads the agendas of parliament and councils and publishes them as calendars people "
        "can subscribe to, with the documents attached to each item.",
        "MIT",
        "free",
        "en fr de",
        "access-to-information",
        "mature",
        "knowing when committees meet",
    ),
]
