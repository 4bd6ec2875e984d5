"""Demo tools for public services, civic education, inclusion and civic space, and more
participation tools. Fictional, written for Pnyx."""

from pnyx.toolbox.demo_content import DemoTool as T

TOOLS = [
    # Feedback on public services
    T(
        "Fix My Street Lamp",
        "Residents report broken street lamps, potholes and dumped rubbish on a map.",
        "Reports go to the right department by e-mail or through its ticket system, and the "
        "public map shows each report's status. Departments answer in the open, so others "
        "see that a problem is already known.",
        "AGPL-3.0-or-later",
        "free",
        "en fr es",
        "public-services public-participation",
        "mature",
        "receiving reports about public space",
    ),
    T(
        "Clinic Feedback Line",
        "Patients rate a health centre visit by text message or voice call.",
        "After a visit, patients may answer three short questions by SMS or by calling a free "
        "number in their language. Health centres see their results each month beside the "
        "district average.",
        "MIT",
        "free",
        "en sw fr",
        "public-services gender-inclusion",
        "in_use",
        "patient feedback in health centres",
    ),
    T(
        "VoiceBox IVR",
        "Voice surveys by phone, in local languages, for people who do not read.",
        "Questions are recorded by a local speaker and answered with the keypad. The tool "
        "handles call scheduling, retries and a small airtime reward, and exports answers as "
        "CSV without phone numbers.",
        "",
        "paid",
        "en fr sw",
        "public-services public-participation gender-inclusion",
        "mature",
        "phone surveys in local languages",
    ),
    T(
        "TextPoll",
        "SMS surveys with skip logic, for quick polls of service users.",
        "Build a survey with up to ten questions, send it to a list or a short code, and watch "
        "answers arrive. Phone numbers are kept apart from answers and deleted on a schedule.",
        "Apache-2.0",
        "free",
        "en fr es pt sw",
        "public-services public-participation",
        "mature",
        "SMS surveys",
        ("VoiceBox IVR",),
    ),
    T(
        "Service Score Cards",
        "A community score card method: residents and providers rate a service together.",
        "Residents and staff of a school or clinic each score the service on agreed points, "
        "then meet to compare and agree on three improvements. The guide includes forms and a "
        "spreadsheet that tracks promises across rounds.",
        "CC-BY-4.0",
        "free",
        "en fr es pt",
        "public-services public-participation",
        "mature",
        "rating local services with residents",
    ),
    T(
        "Queue Counter",
        "Residents report waiting times at public offices, shown live on a map.",
        "People waiting at a registry office or a clinic send the time they arrived and the "
        "time they were served. The map shows typical waits by hour of the day.",
        "MIT",
        "free",
        "en es",
        "public-services",
        "prototype",
        "tracking waiting times at public offices",
    ),
    T(
        "Water Point Check",
        "Volunteers check rural water points and report whether they work.",
        "Volunteers visit water points with a checklist on their phone, even without a network, "
        "and upload when they are back in range. The district sees which points have been "
        "broken for more than a month.",
        "GPL-3.0-or-later",
        "free",
        "en fr sw",
        "public-services environment",
        "in_use",
        "monitoring water points",
    ),
    T(
        "School Report Back",
        "Parents follow whether promised school repairs and supplies arrived.",
        "The education office lists what each school should receive this year; parents and "
        "teachers confirm what arrived and post photos. Gaps are listed for the school board.",
        "MIT",
        "free",
        "en fr pt",
        "public-services education fiscal-openness",
        "in_use",
        "checking school supplies and repairs",
        ("Service Score Cards",),
    ),
    # Civic education
    T(
        "Civics Quest",
        "A classroom game where students run a town for a year and face real budget choices.",
        "Teams of students manage a fictional town's budget, hold a council meeting and answer "
        "residents' petitions. A teacher's guide links each round to the curriculum.",
        "CC-BY-SA-4.0",
        "free",
        "en fr es",
        "education fiscal-openness",
        "mature",
        "civics lessons",
    ),
    T(
        "Data Detectives",
        "Lesson plans that teach teenagers to read public data critically.",
        "Twelve lessons built around real-looking public datasets: a school budget, air quality "
        "readings, election turnout. Students learn to ask where data comes from and what it "
        "leaves out.",
        "CC-BY-4.0",
        "free",
        "en es pt",
        "education open-data",
        "mature",
        "teaching data literacy",
    ),
    T(
        "Mock Parliament Kit",
        "Everything a school needs to hold a mock parliament debate.",
        "Role cards, a simplified rule book, bill templates and an online voting page for the "
        "class. Schools can invite a real member of parliament to the final session.",
        "CC-BY-4.0",
        "free",
        "en fr",
        "education public-participation",
        "mature",
        "school mock parliaments",
        ("Civics Quest",),
    ),
    T(
        "Open Gov Academy",
        "Free online courses on open government for public servants and activists.",
        "Short courses on access to information, open contracting, participation and open "
        "data, each with a quiz and a certificate. Courses can be followed offline from a "
        "downloaded package.",
        "CC-BY-4.0",
        "free",
        "en fr es ar",
        "education digital-governance",
        "mature",
        "training staff on open government",
    ),
    T(
        "Rights Radio Scripts",
        "Radio drama scripts about everyday rights, free to broadcast.",
        "Fifteen-minute episodes where characters ask for a public document, challenge a fine or "
        "join a council meeting. Community radios record them in their own language.",
        "CC-BY-4.0",
        "free",
        "en fr sw pt",
        "education access-to-information civic-space",
        "mature",
        "community radio programmes",
    ),
    T(
        "Budget Literacy Cards",
        "Illustrated cards that explain budget words such as deficit, allocation and execution.",
        "Each card explains one word with a drawing and an everyday example. They are used in "
        "workshops and printed on the back of council newsletters.",
        "CC-BY-4.0",
        "free",
        "en fr es",
        "education fiscal-openness",
        "mature",
        "explaining budgets to residents",
        ("Cost Card Kit",),
    ),
    T(
        "Election Explainer",
        "A neutral guide to how each level of government is elected and what it decides.",
        "Answers simple questions such as who runs the buses or who sets the school calendar, "
        "and shows which elected body is responsible. Authorities embed it on their sites.",
        "MIT",
        "free",
        "en fr de nl",
        "education",
        "in_use",
        "explaining who decides what",
    ),
    # Inclusion and accessibility
    T(
        "Easy Read Writer",
        "Checks public texts for hard words and long sentences and suggests plainer ones.",
        "Paste a letter or web page and the tool underlines long sentences, jargon and passive "
        "forms, and proposes simpler words from a public glossary. Organisations add their own "
        "terms to the glossary.",
        "MPL-2.0",
        "free",
        "en fr es",
        "gender-inclusion public-services",
        "in_use",
        "writing public texts in plain language",
    ),
    T(
        "Sign Summary",
        "Adds sign-language video summaries to public consultations.",
        "Organisers order a short video summary in sign language for a consultation page; "
        "deaf participants can answer by video too. Videos are captioned.",
        "",
        "paid",
        "en fr",
        "gender-inclusion public-participation",
        "in_use",
        "making consultations accessible to deaf people",
    ),
    T(
        "Gender Budget Lens",
        "A worksheet to tag budget lines by their effect on women and men.",
        "Budget officers tag each programme as targeting, mainstreaming or neutral and add the "
        "data they have on who benefits. The summary shows the share of spending in each tag.",
        "CC-BY-4.0",
        "free",
        "en fr es",
        "gender-inclusion fiscal-openness",
        "mature",
        "gender budgeting",
    ),
    T(
        "Childcare at Meetings Planner",
        "Plans childcare, transport and interpretation so more people can attend public meetings.",
        "When an organiser schedules a meeting, the planner asks who needs childcare, a ride or "
        "an interpreter, books them and tracks the cost. The yearly report shows who it helped "
        "to come.",
        "MIT",
        "free",
        "en es",
        "gender-inclusion public-participation",
        "prototype",
        "removing barriers to public meetings",
    ),
    T(
        "Accessible Forms Checker",
        "Tests public web forms against accessibility rules and explains each failure.",
        "It runs the form through automated checks and lists each problem with a plain "
        "explanation and a fix. Results can be published as a public accessibility statement.",
        "Apache-2.0",
        "free",
        "en fr de",
        "gender-inclusion digital-governance",
        "mature",
        "checking public web forms",
    ),
    # Civic space
    T(
        "Civic Space Monitor",
        "Records restrictions on associations, protests and the press, event by event.",
        "Partners record each incident with its date, place, kind and sources, and an editor "
        "checks it before it is published. The public map and yearly reports are built from "
        "these records.",
        "AGPL-3.0-or-later",
        "free",
        "en fr es ar",
        "civic-space justice",
        "mature",
        "documenting threats to civic space",
    ),
    T(
        "Safe Meeting Guide",
        "Digital safety guidance for activists who organise meetings and campaigns.",
        "Short guides on choosing messaging apps, protecting lists of members and what to do if "
        "a phone is seized. Written with lawyers and checked every year.",
        "CC-BY-SA-4.0",
        "free",
        "en fr es ru ar",
        "civic-space",
        "mature",
        "training activists on digital safety",
    ),
    T(
        "Association Registry Helper",
        "Guides groups through registering an association, step by step.",
        "It asks a few questions, prepares the statutes from a template that meets the law, "
        "and lists the documents to bring to the registry. It works for six countries so far.",
        "MIT",
        "free",
        "en fr pt",
        "civic-space",
        "in_use",
        "registering new associations",
    ),
    T(
        "Volunteer Roster",
        "Schedules volunteers for events, canvassing and helplines.",
        "Volunteers choose their slots, swap them and receive reminders. Coordinators see who is "
        "short-staffed and can message all volunteers of a slot.",
        "AGPL-3.0-or-later",
        "free",
        "en fr es de",
        "civic-space",
        "mature",
        "organising volunteers",
    ),
    T(
        "Member Dues",
        "Small-association membership and dues management, with a members' directory.",
        "Keeps the member list, sends dues reminders and prepares the annual report. Members "
        "decide which of their details other members may see.",
        "",
        "freemium",
        "en fr",
        "civic-space",
        "mature",
        "managing members and dues",
        ("Volunteer Roster",),
    ),
    T(
        "Assembly Vote",
        "Secret-ballot voting for association general assemblies, online or in the room.",
        "Members receive a one-time code and vote on motions and elections; the tool publishes "
        "a count that members can check without learning how anyone voted.",
        "GPL-3.0-or-later",
        "free",
        "en fr es",
        "civic-space public-participation",
        "in_use",
        "general assembly votes",
    ),
    T(
        "Protest Notice Builder",
        "Prepares the notice a group must file before a public demonstration.",
        "It asks for the route, the date and the organisers, checks the notice period in local "
        "rules and produces the form. A copy of the filing and the receipt are kept for the "
        "group.",
        "MIT",
        "free",
        "en es",
        "civic-space justice",
        "prototype",
        "filing demonstration notices",
    ),
    # More participation
    T(
        "Neighbourhood Noticeboard",
        "A local board for council announcements, meetings and residents' questions.",
        "Each neighbourhood gets a page where the council posts works, closures and meetings, "
        "and residents ask questions that the right department answers. Posts can be printed "
        "for a physical noticeboard.",
        "AGPL-3.0-or-later",
        "free",
        "en fr nl",
        "public-participation public-services",
        "in_use",
        "keeping residents informed about their area",
    ),
    T(
        "Planning Comment Map",
        "Residents comment on planning applications on a map of their street.",
        "Planning applications are shown on a map with their drawings and deadline; residents "
        "comment, and the planning office attaches its decision and the reasons.",
        "GPL-3.0-or-later",
        "free",
        "en",
        "public-participation environment",
        "in_use",
        "consulting on planning applications",
        ("Consult Lite",),
    ),
    T(
        "Priority Ranker",
        "People rank a short list of options; the tool explains the counting method.",
        "Voters drag options into their preferred order; the results page shows each round of "
        "the count and what would change with another method.",
        "MIT",
        "free",
        "en fr es de",
        "public-participation algorithms",
        "in_use",
        "ranking priorities",
        ("Quadra Vote",),
    ),
    T(
        "Workshop Recorder",
        "Turns photos of workshop flip charts into text that can join an online consultation.",
        "Facilitators photograph flip charts and sticky notes; volunteers type them into the "
        "tool, which keeps the photo beside each text so anyone can check the transcription.",
        "MIT",
        "free",
        "en fr es",
        "public-participation gender-inclusion",
        "prototype",
        "counting workshop contributions",
        ("Street Survey Board",),
    ),
    T(
        "Commitment Tracker",
        "Follows each commitment of an open-government action plan, milestone by milestone.",
        "Government and civil society enter the milestones of each commitment and report on them "
        "every six months. Readers see what is late, what is done and who is responsible.",
        "AGPL-3.0-or-later",
        "free",
        "en fr es pt",
        "public-participation digital-governance",
        "mature",
        "following an open-government action plan",
    ),
    T(
        "Promise Meter",
        "Lists what a government promised in its programme and checks progress.",
        "Volunteers turn a programme into a list of promises and rate each one as kept, broken, "
        "in progress or not started, with a source. Each rating can be challenged by readers.",
        "MIT",
        "free",
        "en fr es ar",
        "public-participation access-to-information",
        "in_use",
        "tracking government promises",
        ("Commitment Tracker",),
    ),
    T(
        "Local Agenda Poll",
        "Lets residents suggest and vote on items for the next council agenda.",
        "Before each council meeting, residents suggest items and support others'. The top "
        "item is read in the meeting, and the council records its answer.",
        "AGPL-3.0-or-later",
        "free",
        "en pt es",
        "public-participation",
        "prototype",
        "putting residents' items on the council agenda",
        ("Town Hall Queue",),
    ),
    T(
        "Diaspora Consult",
        "Consultations that reach citizens living abroad, across time zones and languages.",
        "Consultation pages in several languages, with sessions scheduled in three time zones "
        "and answers by e-mail for those who cannot join. Results show where answers came from.",
        "",
        "on_request",
        "en fr es ar pt",
        "public-participation",
        "in_use",
        "consulting citizens abroad",
        ("Roundtable",),
    ),
    T(
        "Meeting Minutes Live",
        "Writes the minutes of a public meeting as it happens, readable by anyone online.",
        "A clerk types decisions and votes into a simple form during the meeting; readers follow "
        "online and the final minutes are ready when the meeting ends.",
        "MIT",
        "free",
        "en fr",
        "public-participation access-to-information",
        "in_use",
        "publishing council decisions the same day",
        ("Council Minutes Reader",),
    ),
    T(
        "Open Agenda Toolkit",
        "A set of templates for councils to publish agendas, papers and decisions the same way.",
        "Spreadsheet and document templates, a short style guide and a checker that tells a clerk "
        "what is missing before the agenda is published.",
        "CC-BY-4.0",
        "free",
        "en fr es",
        "access-to-information digital-governance",
        "mature",
        "publishing council agendas",
        ("Legislative Calendar",),
    ),
    T(
        "Participation Ledger",
        "Counts who took part in each consultation, by district and age, without naming anyone.",
        "Consultation tools send anonymous counts; the ledger shows which districts and age "
        "groups are missing so the next round can reach them.",
        "Apache-2.0",
        "free",
        "en fr es",
        "public-participation gender-inclusion",
        "prototype",
        "checking who consultations reach",
    ),
    T(
        "Peer Review Circle",
        "A structured peer review for civic-tech projects before they launch.",
        "Three practitioners from other organisations review a project against a short list of "
        "questions on accessibility, privacy and sustainability. Reviews are public.",
        "CC-BY-4.0",
        "free",
        "en fr es",
        "digital-governance civic-space",
        "in_use",
        "reviewing projects before launch",
    ),
    T(
        "Deliberation Cards",
        "Conversation cards that help a group weigh trade-offs on a public policy.",
        "Each card gives one argument, one fact and one question; groups sort them and build a "
        "shared view. Sets exist for housing, transport, energy and schools.",
        "CC-BY-SA-4.0",
        "free",
        "en fr de es",
        "public-participation education",
        "mature",
        "small-group deliberation",
        ("Listening Circles",),
    ),
    T(
        "Citizen Proposal Inbox",
        "A single inbox for proposals from residents, with public status for each one.",
        "Proposals from the website, e-mail and paper forms land in one list. Each one gets a "
        "public status and an answer; staff see which department holds it.",
        "MIT",
        "free",
        "en es",
        "public-participation public-services",
        "in_use",
        "answering residents' proposals",
        ("Neighbourhood Noticeboard",),
    ),
]
