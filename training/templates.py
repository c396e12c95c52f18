"""Training sentences for the ACLED sub-event classifier, written as templates.

Each ACLED sub-event type (and ``none`` for sentences that report no event) has
several hand-written sentence templates; ``generate(seed)`` fills their slots
from the lists below with a seeded random generator, so the training set is the
same on every run.  The held-out set (``training/heldout.jsonl``) was written
separately, sentence by sentence, with different wording, and is never used here.
"""

from __future__ import annotations

import random
import re

STATE = ["government troops", "the army", "soldiers", "security forces", "Myanmar's military",
         "Russian forces", "Ukrainian troops", "the Sudanese Armed Forces", "the Malian army",
         "Colombian soldiers", "Pakistani troops", "Nigerian soldiers", "FARDC troops",
         "Yemeni government forces", "the national army", "Burkinabe soldiers", "Mexican marines",
         "Somali forces", "Ethiopian federal forces", "Afghan security forces"]
REBELS = ["al-Shabaab fighters", "JNIM militants", "Islamic State militants", "the Rapid Support Forces",
          "M23 rebels", "Houthi fighters", "ELN guerrillas", "the Arakan Army", "Boko Haram insurgents",
          "TTP militants", "cartel gunmen", "ADF rebels", "Ansar al-Islam fighters", "armed men",
          "PDF resistance fighters", "jihadists", "separatist rebels", "Fano militiamen",
          "a local militia", "dissident FARC fighters"]
AIR = ["warplanes", "fighter jets", "military aircraft", "the air force", "a drone", "armed drones",
       "helicopter gunships", "Saudi-led coalition jets", "Russian aircraft", "Turkish drones",
       "an unmanned aerial vehicle", "kamikaze drones"]
PLACES = ["near Gao", "in North Kivu", "in the Kharkiv region", "in Marib", "outside Khartoum",
          "in Sagaing region", "in Cauca department", "in Michoacan state", "in Khyber Pakhtunkhwa",
          "in Borno state", "near Mogadishu", "in Tigray", "in El Fasher", "in Ituri province",
          "near Bakhmut", "in Balochistan", "in Rakhine state", "in northern Burkina Faso",
          "in Idlib province", "in the Sahel region of Mali", "in Zaporizhzhia", "in Lower Shabelle",
          "near Goma", "in Hodeidah", "in the Catatumbo area", "in Shan state", "in Kidal",
          "in Deir ez-Zor", "in Amhara region", "in Sinaloa", "in Kachin state", "in Niger's Tillaberi region"]
TOWNS = ["the town of Ménaka", "Bunia", "the village of Kalma", "Avdiivka", "the district of Kunar",
         "the city of Wad Madani", "Rutshuru", "the border town of Tal Abyad", "Djibo", "Hpakant",
         "the port of Hodeidah", "Kidal", "the town of Jowhar", "Lashio", "the market town of Gwoza",
         "Sake", "the village of Nyala", "Tumaco"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "late on Thursday", "early on Friday",
        "on Saturday", "on Sunday", "overnight", "on 12 March", "this week", "yesterday",
        "in the early hours", "", "", ""]
NUM = ["two", "three", "four", "five", "six", "seven", "eight", "10", "12", "at least 15",
       "more than 20", "dozens of", "at least three", "nearly 30", "about 40", "several"]
CIVS = ["civilians", "villagers", "farmers", "displaced people", "worshippers", "market traders",
        "herders", "residents", "passengers", "schoolchildren", "aid workers", "miners"]
PROTESTERS = ["protesters", "demonstrators", "students", "teachers", "opposition supporters",
              "farmers", "workers", "residents", "women's groups", "lawyers", "nurses", "taxi drivers"]
CITIES = ["Nairobi", "Lagos", "Dhaka", "Bogota", "Karachi", "Kinshasa", "Lima", "Yangon",
          "Khartoum", "Tunis", "Colombo", "Kampala", "Dakar", "Quito", "Tbilisi", "Beirut",
          "Harare", "La Paz", "Islamabad", "Bamako"]
GRIEVANCE = ["rising fuel prices", "the disputed election", "police brutality", "unpaid wages",
             "a new tax law", "power cuts", "the arrest of an opposition leader", "corruption",
             "land evictions", "the military junta", "water shortages", "a mining project"]
OFFICIAL = ["a local official said", "police said", "witnesses said", "a military spokesman said",
            "residents told reporters", "according to a monitoring group", "the UN said",
            "a hospital source said", "according to local media", "", "", ""]

TEMPLATES: dict[str, list[str]] = {
    "Armed clash": [
        "Fierce fighting between {STATE} and {REBELS} left {NUM} combatants dead {PLACE}.",
        "{REBELS} attacked a military camp {PLACE} {WHEN}, and troops fought back for several hours.",
        "{STATE} repelled an assault by {REBELS} on their positions {PLACE}.",
        "Skirmishes between {REBELS} and {STATE} were reported {PLACE} {WHEN}.",
        "{NUM} members of {REBELS} were killed in fighting with {STATE} {PLACE}, the group said.",
        "A patrol of {STATE} was attacked by {REBELS} {PLACE}, and the two sides fought for hours.",
        "{STATE} clashed with {REBELS} {PLACE} {WHEN}, {OFFICIAL}.",
        "Heavy fighting broke out between {STATE} and {REBELS} {PLACE}, leaving {NUM} dead.",
        "{REBELS} ambushed a military convoy {PLACE} {WHEN}, sparking a gunfight that lasted hours.",
        "{NUM} soldiers were killed when {REBELS} attacked an army post {PLACE}.",
        "Gun battles between {REBELS} and {STATE} continued {WHEN} {PLACE}.",
        "{STATE} exchanged fire with {REBELS} {PLACE}, {OFFICIAL}.",
        "Rival armed groups fought for control of roads {PLACE} {WHEN}, killing {NUM} fighters.",
        "{REBELS} and {STATE} engaged in fierce combat {PLACE} {WHEN}.",
        "An army patrol came under fire from {REBELS} {PLACE} and returned fire.",
        "Clashes erupted {WHEN} {PLACE} between {REBELS} and a rival faction.",
    ],
    "Government regains territory": [
        "The military announced the recapture of {TOWN} from {REBELS} {WHEN}.",
        "{REBELS} were driven out of {TOWN}, and {STATE} restored state authority there.",
        "After a week-long offensive, {STATE} took back {TOWN} {PLACE}.",
        "{STATE} recaptured {TOWN} from {REBELS} {WHEN}, {OFFICIAL}.",
        "{STATE} retook control of {TOWN} after {REBELS} withdrew under fire.",
        "The army said it had regained control of {TOWN} {PLACE} following a counter-offensive.",
        "{STATE} liberated {TOWN}, which had been held by {REBELS} for months.",
        "Troops reclaimed {TOWN} {WHEN} after days of fighting with {REBELS}.",
        "{STATE} pushed {REBELS} out of {TOWN} and raised the national flag there.",
        "Government forces recovered the key town of {TOWN} from insurgents {WHEN}.",
        "{STATE} wrested back {TOWN} from {REBELS} in an operation {PLACE}.",
    ],
    "Non-state actor overtakes territory": [
        "{REBELS} gained control of {TOWN} after soldiers abandoned the town {WHEN}.",
        "The capture of {TOWN} by {REBELS} cut a key supply route {PLACE}.",
        "{REBELS} swept into {TOWN} and declared it under their administration.",
        "{REBELS} seized {TOWN} {WHEN} after {STATE} fled.",
        "{REBELS} captured {TOWN} {PLACE}, {OFFICIAL}.",
        "{REBELS} took control of {TOWN} following heavy fighting with {STATE}.",
        "{TOWN} fell to {REBELS} {WHEN}, the latest in a string of territorial gains.",
        "{REBELS} overran an army base and took over {TOWN} {PLACE}.",
        "Insurgents stormed and occupied {TOWN} {WHEN}, forcing {STATE} to retreat.",
        "{REBELS} announced they had taken {TOWN}, raising their flag over the district office.",
        "{REBELS} now control {TOWN} after seizing it from a rival armed group {WHEN}.",
    ],
    "Chemical weapon": [
        "Survivors of the attack on {TOWN} described a suffocating smell after the bombs fell.",
        "Toxic chemicals were released over {TOWN} {WHEN}, poisoning {NUM} residents.",
        "Monitors said a poison gas was used against fighters {PLACE}.",
        "Victims of the gas attack {PLACE} were treated for convulsions and difficulty breathing.",
        "{STATE} fired shells filled with chlorine at {TOWN}, {OFFICIAL}.",
        "{NUM} people suffered breathing problems after a chlorine gas attack {PLACE} {WHEN}.",
        "Doctors said victims showed symptoms of exposure to a nerve agent after the shelling of {TOWN}.",
        "A suspected sarin attack {PLACE} killed {NUM} civilians, {OFFICIAL}.",
        "{STATE} were accused of dropping canisters of toxic gas on {TOWN} {WHEN}.",
        "Residents of {TOWN} choked on yellow smoke after chemical munitions struck the area.",
        "Inspectors confirmed that chemical weapons were used in an attack {PLACE}.",
        "{STATE} used tear-gas grenades containing a banned chemical agent against trenches {PLACE}.",
        "A mustard gas attack {WHEN} left {NUM} fighters with blisters and burns {PLACE}.",
    ],
    "Air/drone strike": [
        "Bombs dropped by {AIR} flattened houses in {TOWN} {WHEN}.",
        "A drone attack on a fuel depot {PLACE} started a large fire.",
        "Jets bombed a market in {TOWN}, killing {NUM} shoppers, {OFFICIAL}.",
        "{REBELS} said {NUM} of their members were killed in the air strike {PLACE} {WHEN}.",
        "Officials said {NUM} militants died when {AIR} hit their hideout {PLACE}.",
        "{STATE} said its aircraft had struck facilities used by {REBELS} {PLACE}, destroying weapons stores.",
        "The group named the fighters it said had been killed in the bombing raid {PLACE}.",
        "Planes from the coalition bombed an arms depot {PLACE} {WHEN}, the ministry said in a statement.",
        "{AIR} targeted a gathering of {REBELS} {PLACE}, killing their commander and several bodyguards.",
        "{AIR} bombed {TOWN} {WHEN}, killing {NUM} people, {OFFICIAL}.",
        "An airstrike {PLACE} {WHEN} hit a market and killed {NUM} {CIVS}.",
        "{AIR} struck {REBELS} positions {PLACE}, {OFFICIAL}.",
        "A drone strike {PLACE} killed a senior commander of {REBELS} {WHEN}.",
        "{STATE} carried out air strikes on {REBELS} hideouts {PLACE}.",
        "{NUM} {CIVS} died when {AIR} dropped bombs on {TOWN}.",
        "Air raids {WHEN} targeted weapons depots {PLACE}, {OFFICIAL}.",
        "{AIR} hit a convoy {PLACE}, destroying several vehicles.",
        "Explosive-laden drones struck a military base {PLACE} {WHEN}.",
        "A barrel bomb dropped from a helicopter destroyed homes in {TOWN}.",
        "The coalition launched a wave of airstrikes against {REBELS} {PLACE} {WHEN}.",
    ],
    "Suicide bomb": [
        "A bomber on foot detonated explosives strapped to his body at a security post {PLACE}.",
        "A car driven by a suicide attacker exploded at the gate of a base {PLACE} {WHEN}.",
        "The suicide attack on a crowded mosque {PLACE} killed {NUM} worshippers.",
        "A suicide bomber blew himself up at a checkpoint {PLACE} {WHEN}, killing {NUM} people.",
        "{NUM} people were killed when a suicide car bomb exploded outside a police station {PLACE}.",
        "A female suicide bomber detonated her explosive vest in a crowded market in {TOWN}.",
        "An attacker wearing a suicide vest struck a mosque {PLACE} {WHEN}, {OFFICIAL}.",
        "A suicide attacker rammed a truck packed with explosives into an army base {PLACE}.",
        "{REBELS} claimed the suicide bombing that killed {NUM} soldiers {PLACE}.",
        "A suicide blast at a wedding {PLACE} left {NUM} dead {WHEN}.",
        "Two suicide bombers targeted a military convoy {PLACE} {WHEN}.",
    ],
    "Shelling/artillery/missile attack": [
        "A barrage of rockets struck {TOWN} {WHEN}, wounding {NUM} {CIVS}.",
        "Missiles launched by {STATE} hit a residential area in {TOWN}.",
        "Heavy shelling of {TOWN} by {REBELS} damaged a hospital, {OFFICIAL}.",
        "{NUM} soldiers were lightly wounded when rockets hit their base {PLACE} {WHEN}.",
        "A military base {PLACE} came under rocket fire {WHEN}, but no one was hurt.",
        "Troops stationed {PLACE} were attacked with mortars, a spokesman said.",
        "{REBELS} launched missiles at an air base {PLACE}, damaging a hangar.",
        "Gunners responded with artillery fire on the launch sites {PLACE}.",
        "An airport {PLACE} was struck by {NUM} rockets {WHEN}, officials said.",
        "{STATE} shelled {TOWN} {WHEN}, killing {NUM} {CIVS}, {OFFICIAL}.",
        "Artillery fire hit residential areas {PLACE} {WHEN}.",
        "{REBELS} fired {NUM} rockets at a military base {PLACE}.",
        "A ballistic missile struck an apartment block {PLACE} {WHEN}, {OFFICIAL}.",
        "Mortar rounds landed near a hospital in {TOWN}, wounding {NUM} people.",
        "{STATE} pounded {REBELS} positions {PLACE} with heavy artillery.",
        "Rockets slammed into {TOWN} {WHEN}, destroying several houses.",
        "Cruise missiles hit energy infrastructure {PLACE} overnight, {OFFICIAL}.",
        "Shells fired by {REBELS} killed {NUM} people at a bus station in {TOWN}.",
        "A rocket attack on an air base {PLACE} {WHEN} caused damage but no casualties.",
        "Multiple rocket launchers bombarded {TOWN} for several hours {WHEN}.",
    ],
    "Remote explosive/landmine/IED": [
        "A bomb concealed in a parked car went off near a police post {PLACE}.",
        "{NUM} {CIVS} died after their bus drove over a mine {PLACE} {WHEN}.",
        "An explosive hidden by the roadside blew up as a patrol passed {PLACE}.",
        "{NUM} soldiers were wounded when a roadside device exploded near their patrol {PLACE}.",
        "An explosive device planted by {REBELS} destroyed an army truck {PLACE} {WHEN}.",
        "A roadside bomb exploded {PLACE} {WHEN}, killing {NUM} soldiers.",
        "An improvised explosive device hit a military vehicle {PLACE}, {OFFICIAL}.",
        "{NUM} {CIVS} were killed when their vehicle struck a landmine {PLACE}.",
        "A car bomb parked near a market went off in {TOWN} {WHEN}.",
        "A bomb planted on a motorcycle detonated outside a police station {PLACE}.",
        "A remote-controlled explosive targeted a convoy of {STATE} {PLACE}.",
        "An IED blast {WHEN} wounded {NUM} police officers {PLACE}.",
        "A child was killed after stepping on an unexploded mine {PLACE}.",
        "A magnetic bomb attached to a car killed a local official in {TOWN}.",
    ],
    "Grenade": [
        "A hand grenade thrown by an unknown man exploded at a bus stop in {TOWN}.",
        "Attackers threw explosives at a police van in {TOWN}, in what officials called a grenade attack.",
        "Two grenades were hurled into a crowd {PLACE} {WHEN}, wounding {NUM} people.",
        "An attacker threw a grenade into a crowded bar {PLACE} {WHEN}, wounding {NUM} people.",
        "{NUM} people were hurt when a hand grenade was lobbed at a police post in {TOWN}.",
        "Unknown assailants hurled a grenade at a bus station {PLACE}, {OFFICIAL}.",
        "A grenade attack on a market {PLACE} {WHEN} killed {NUM} {CIVS}.",
        "Men on a motorbike tossed a grenade into a shop in {TOWN}.",
        "A grenade thrown over the wall of a school exploded in the courtyard {PLACE}.",
        "{REBELS} lobbed grenades at a checkpoint {PLACE} {WHEN}.",
        "A grenade blast at a political rally {PLACE} injured {NUM} supporters.",
    ],
    "Sexual violence": [
        "Women in {TOWN} said fighters from {REBELS} raped them during the occupation.",
        "Investigators documented rapes committed by {STATE} against detainees {PLACE}.",
        "Girls abducted {PLACE} were sexually abused by their captors, {OFFICIAL}.",
        "{REBELS} raped {NUM} women during a raid on {TOWN}, {OFFICIAL}.",
        "Soldiers were accused of sexually assaulting girls at a displacement camp {PLACE}.",
        "{NUM} women were gang-raped by armed men {PLACE} {WHEN}.",
        "Survivors said {REBELS} subjected women to sexual violence during the attack on {TOWN}.",
        "Aid workers reported cases of rape by {STATE} {PLACE}.",
        "A teenage girl was sexually abused by militiamen at a checkpoint {PLACE}.",
        "{REBELS} abducted and raped women fleeing {TOWN} {WHEN}.",
        "Medics treated {NUM} survivors of rape committed by fighters {PLACE}.",
    ],
    "Attack": [
        "{REBELS} killed {NUM} {CIVS} with machetes during a night raid on {TOWN}.",
        "Gunmen murdered a village chief in front of his family {PLACE}.",
        "Unarmed {CIVS} were gunned down by {STATE} in {TOWN} {WHEN}.",
        "{NUM} {CIVS} were killed when {REBELS} raided their village {PLACE} {WHEN}.",
        "The bodies of {NUM} {CIVS} killed by {REBELS} were buried {PLACE}.",
        "Witnesses said {REBELS} rounded up {CIVS} and shot them {PLACE}.",
        "Gunmen killed {NUM} {CIVS} in an attack on {TOWN} {WHEN}, {OFFICIAL}.",
        "{REBELS} massacred {NUM} {CIVS} {PLACE}.",
        "Armed men opened fire on {CIVS} at a market {PLACE} {WHEN}.",
        "{NUM} {CIVS} were shot dead by {REBELS} {PLACE}.",
        "Assailants stormed a village {PLACE} and hacked {NUM} residents to death.",
        "{STATE} executed {NUM} unarmed {CIVS} in {TOWN}, {OFFICIAL}.",
        "Attackers set fire to homes and killed {NUM} {CIVS} in {TOWN} {WHEN}.",
        "A journalist was shot dead by unidentified gunmen {PLACE}.",
        "{REBELS} attacked a camp for displaced people {PLACE}, killing {NUM}.",
        "Militiamen beat and killed {NUM} {CIVS} {PLACE} {WHEN}.",
    ],
    "Abduction/forced disappearance": [
        "{REBELS} snatched {NUM} {CIVS} from their homes in {TOWN} {WHEN}.",
        "An activist was taken away by plainclothes agents in {CITY} and has not been seen since.",
        "Armed men stopped a bus {PLACE} and carried off {NUM} passengers.",
        "{NUM} {CIVS} remain missing after {REBELS} took them from {TOWN} {WHEN}.",
        "Kidnappers demanded a ransom for {NUM} {CIVS} seized {PLACE}.",
        "Gunmen kidnapped {NUM} {CIVS} from {TOWN} {WHEN}, {OFFICIAL}.",
        "{REBELS} abducted {NUM} {CIVS} on a highway {PLACE}.",
        "An aid worker was seized by armed men {PLACE} {WHEN}.",
        "{NUM} schoolchildren were abducted from their dormitory in {TOWN}.",
        "Relatives said {STATE} took away {NUM} young men who have not been seen since.",
        "A local chief was kidnapped by {REBELS} {PLACE} and held for ransom.",
        "Masked men forcibly disappeared an activist in {TOWN} {WHEN}.",
        "{REBELS} took {NUM} {CIVS} hostage during a raid {PLACE}.",
    ],
    "Peaceful protest": [
        "{PROTESTERS} took to the streets of {CITY} {WHEN} to denounce {GRIEVANCE}.",
        "A crowd of {PROTESTERS} assembled outside the governor's office in {CITY} to oppose {GRIEVANCE}.",
        "{PROTESTERS} blocked a main road in {CITY} in a peaceful protest against {GRIEVANCE}.",
        "Thousands of {PROTESTERS} marched peacefully through {CITY} {WHEN} to protest {GRIEVANCE}.",
        "{PROTESTERS} rallied outside parliament in {CITY} against {GRIEVANCE}.",
        "Hundreds of {PROTESTERS} held a sit-in in {CITY} {WHEN} over {GRIEVANCE}.",
        "{PROTESTERS} staged a demonstration in {CITY} demanding action on {GRIEVANCE}.",
        "A peaceful march against {GRIEVANCE} drew large crowds in {CITY} {WHEN}.",
        "{PROTESTERS} gathered in the main square of {CITY} chanting slogans against {GRIEVANCE}.",
        "{PROTESTERS} went on strike and picketed offices in {CITY} over {GRIEVANCE}.",
        "Demonstrators carrying banners protested {GRIEVANCE} in {CITY} without incident.",
    ],
    "Protest with intervention": [
        "Police scattered {PROTESTERS} demonstrating against {GRIEVANCE} in {CITY} using tear gas and batons.",
        "{NUM} {PROTESTERS} were detained when police broke up their march over {GRIEVANCE} in {CITY}.",
        "Security agents stopped {PROTESTERS} from gathering in {CITY} and arrested several of them.",
        "Police fired tear gas to disperse {PROTESTERS} in {CITY} {WHEN} protesting {GRIEVANCE}.",
        "Riot police broke up a rally against {GRIEVANCE} in {CITY} and detained {NUM} {PROTESTERS}.",
        "Security forces used water cannon on {PROTESTERS} marching over {GRIEVANCE} in {CITY}.",
        "{PROTESTERS} demonstrating against {GRIEVANCE} were dispersed with batons in {CITY} {WHEN}.",
        "Police blocked a march by {PROTESTERS} in {CITY} and arrested its organisers.",
        "Officers fired rubber bullets to break up a peaceful sit-in over {GRIEVANCE} in {CITY}.",
        "Authorities forcibly cleared a protest camp set up by {PROTESTERS} in {CITY} {WHEN}.",
        "Police charged at {PROTESTERS} rallying against {GRIEVANCE} in {CITY}.",
    ],
    "Excessive force against protesters": [
        "Police opened fire on a peaceful march against {GRIEVANCE} in {CITY}, killing {NUM} people.",
        "{NUM} demonstrators died after troops fired into the crowd in {CITY} {WHEN}.",
        "A protester was beaten to death by riot police at a rally over {GRIEVANCE} in {CITY}.",
        "Security forces opened fire on {PROTESTERS} in {CITY} {WHEN}, killing {NUM} of them.",
        "{NUM} {PROTESTERS} were shot dead by police during a peaceful march over {GRIEVANCE} in {CITY}.",
        "Soldiers fired live ammunition into a crowd of unarmed {PROTESTERS} in {CITY}.",
        "Troops killed {NUM} demonstrators protesting {GRIEVANCE} in {CITY}, {OFFICIAL}.",
        "Police shot and killed a student at a peaceful protest in {CITY} {WHEN}.",
        "Snipers fired on {PROTESTERS} gathered against {GRIEVANCE} in {CITY}, leaving {NUM} dead.",
        "Security forces beat {PROTESTERS} to death during a sit-in in {CITY}.",
        "Live rounds were used against peaceful demonstrators in {CITY}, killing {NUM}.",
    ],
    "Violent demonstration": [
        "{PROTESTERS} burned vehicles and attacked a police station in {CITY} over {GRIEVANCE}.",
        "Rioters pelted security forces with stones in {CITY} {WHEN}.",
        "Angry {PROTESTERS} stormed and set fire to a government office in {CITY}.",
        "Rioters torched police stations in {CITY} {WHEN} during protests over {GRIEVANCE}.",
        "{PROTESTERS} angry about {GRIEVANCE} threw stones at police and burned tyres in {CITY}.",
        "Demonstrators set fire to government buildings in {CITY} over {GRIEVANCE}.",
        "Protesters smashed shop windows and looted stores in {CITY} {WHEN}.",
        "A protest against {GRIEVANCE} turned violent in {CITY} as crowds attacked police vehicles.",
        "{PROTESTERS} armed with sticks and stones clashed with police in {CITY}.",
        "Rioting {PROTESTERS} ransacked the offices of the ruling party in {CITY} {WHEN}.",
        "Angry crowds blocked roads with burning barricades and pelted officers in {CITY}.",
    ],
    "Mob violence": [
        "A crowd beat a suspected thief to death in {TOWN} {WHEN}.",
        "Villagers lynched {NUM} men they accused of kidnapping children {PLACE}.",
        "A mob armed with clubs attacked members of a minority community in {TOWN}.",
        "A mob lynched a man accused of theft in {TOWN} {WHEN}, {OFFICIAL}.",
        "Villagers beat {NUM} suspected kidnappers to death {PLACE}.",
        "An angry mob burned a woman accused of witchcraft in {TOWN}.",
        "Vigilantes attacked and killed {NUM} herders {PLACE} {WHEN}.",
        "A crowd dragged a suspected thief from a police cell and killed him in {TOWN}.",
        "Residents set upon {NUM} men accused of blasphemy {PLACE}, {OFFICIAL}.",
        "Youths armed with machetes attacked members of a rival community in {TOWN} {WHEN}.",
        "A mob stoned a suspected cattle rustler to death {PLACE}.",
    ],
    "Agreement": [
        "{STATE} and {REBELS} signed a truce in {CITY} {WHEN}.",
        "The two sides released {NUM} prisoners each in an exchange brokered by mediators.",
        "Rival militias agreed to halt hostilities {PLACE} after talks in {CITY}.",
        "{STATE} and {REBELS} agreed to a ceasefire {PLACE} {WHEN}.",
        "The government signed a peace deal with {REBELS} in {CITY}.",
        "The warring parties exchanged {NUM} prisoners {WHEN} under a deal brokered by mediators.",
        "{REBELS} and the authorities reached a truce to allow aid into {TOWN}.",
        "A humanitarian pause agreed by {STATE} and {REBELS} came into force {WHEN}.",
        "Negotiators in {CITY} signed an accord ending fighting {PLACE}.",
        "The two sides agreed to swap {NUM} detainees and reopen roads {PLACE}.",
        "Community leaders brokered a local peace agreement between rival militias {PLACE}.",
    ],
    "Arrests": [
        "Security forces arrested {NUM} people suspected of organising protests in {CITY}.",
        "An opposition leader was detained by police in {CITY} {WHEN}.",
        "Authorities in {CITY} took {NUM} journalists into custody.",
        "Police arrested {NUM} opposition activists in {CITY} {WHEN}, {OFFICIAL}.",
        "{STATE} detained a prominent journalist in {CITY} on charges of sedition.",
        "Authorities rounded up {NUM} members of an opposition party in {CITY}.",
        "A former minister was taken into custody in {CITY} {WHEN}.",
        "Intelligence agents arrested a human rights lawyer at his home in {CITY}.",
        "{NUM} suspected members of {REBELS} were arrested in raids {PLACE}.",
        "Security forces detained the leader of a student union in {CITY} {WHEN}.",
        "Police picked up {NUM} trade unionists ahead of a planned strike in {CITY}.",
    ],
    "Change to group/activity": [
        "{REBELS} recruited hundreds of young men in villages {PLACE}, {OFFICIAL}.",
        "A consignment of weapons was delivered to {REBELS} {PLACE}.",
        "{REBELS} said they had formed an alliance with another armed group {PLACE}.",
        "{REBELS} announced that a new commander had taken over the group after its leader stepped down.",
        "{STATE} sent hundreds of extra troops to {TOWN} {WHEN} ahead of an expected offensive.",
        "Two factions of {REBELS} agreed to merge their fighters under a single command {PLACE}.",
        "{REBELS} said they were forming a new brigade to operate {PLACE}.",
        "{REBELS} announced a merger with a rival faction {PLACE} {WHEN}.",
        "A new armed group calling itself the Liberation Front was formed {PLACE}.",
        "{REBELS} began recruiting child soldiers in villages {PLACE}, {OFFICIAL}.",
        "A shipment of rifles and ammunition arrived for {REBELS} {PLACE}.",
        "A faction split from {REBELS} and named a new commander {WHEN}.",
        "The militia announced it was disbanding and handing over its weapons {PLACE}.",
        "{STATE} deployed reinforcements and armoured vehicles to {TOWN} {WHEN}.",
        "{REBELS} declared they would adopt new tactics and expand operations {PLACE}.",
        "Hundreds of new fighters graduated from a training camp run by {REBELS} {PLACE}.",
    ],
    "Disrupted weapons use": [
        "A drone launched toward {TOWN} was shot down by air defences {WHEN}.",
        "{STATE} found and defused an explosive device on a road {PLACE}.",
        "Troops seized rocket launchers and mortar rounds from a hideout {PLACE}.",
        "Air defences shot down {NUM} drones over {TOWN} {WHEN}, {OFFICIAL}.",
        "A missile fired at {TOWN} was intercepted before it reached its target.",
        "{STATE} defused a bomb planted near a bridge {PLACE}.",
        "Bomb disposal experts dismantled an IED found on a road {PLACE} {WHEN}.",
        "{STATE} thwarted a drone attack on a military base {PLACE}.",
        "{STATE} seized a large cache of weapons and explosives {PLACE}, {OFFICIAL}.",
        "The army foiled a plot to attack a checkpoint {PLACE} {WHEN}.",
        "A rocket launched at the base was destroyed in mid-air by air defence systems.",
        "Police discovered and safely detonated {NUM} landmines {PLACE}.",
        "{STATE} intercepted {NUM} missiles fired toward {TOWN} {WHEN}.",
    ],
    "Headquarters or base established": [
        "{REBELS} set up a command post in {TOWN} {WHEN}.",
        "{STATE} built a new military camp near {TOWN}.",
        "{REBELS} established a base in the hills {PLACE}, {OFFICIAL}.",
        "{REBELS} set up a new base {PLACE} {WHEN}, {OFFICIAL}.",
        "{STATE} established a forward operating base in {TOWN}.",
        "{REBELS} opened a headquarters in {TOWN} after moving their command there.",
        "A militia built a camp on the outskirts of {TOWN} {WHEN}.",
        "{STATE} installed a new military outpost {PLACE}.",
        "{REBELS} established a training camp in forests {PLACE}.",
        "The armed group moved its headquarters to {TOWN} {WHEN}.",
        "{STATE} opened a new garrison near {TOWN} to secure the highway.",
    ],
    "Looting/property destruction": [
        "{REBELS} ransacked shops and set homes ablaze in {TOWN} {WHEN}.",
        "Fighters looted a health centre and burned a school {PLACE}.",
        "{STATE} bulldozed {NUM} houses in {TOWN}, {OFFICIAL}.",
        "{REBELS} looted shops and burned houses in {TOWN} {WHEN}, {OFFICIAL}.",
        "Armed men plundered a warehouse of food aid {PLACE}.",
        "{STATE} demolished {NUM} homes in {TOWN}, residents said.",
        "Militiamen torched a school and a clinic {PLACE} {WHEN}.",
        "{REBELS} destroyed a mobile phone mast and a bridge {PLACE}.",
        "Looters stripped a hospital of equipment in {TOWN} after the army left.",
        "{REBELS} stole livestock and burned granaries {PLACE} {WHEN}.",
        "Fighters vandalised a church and set fire to houses in {TOWN}.",
    ],
    "Non-violent transfer of territory": [
        "{REBELS} handed {TOWN} over to {STATE} without any fighting {WHEN}.",
        "{STATE} left {TOWN} and {REBELS} took over the town peacefully.",
        "A negotiated withdrawal let {STATE} enter {TOWN} unopposed.",
        "{STATE} withdrew from {TOWN} without a fight, leaving it to {REBELS} {WHEN}.",
        "{REBELS} handed control of {TOWN} to a rival group under a local deal.",
        "The army pulled out of its base {PLACE} and {REBELS} moved in peacefully.",
        "{REBELS} took over {TOWN} without resistance after troops left {WHEN}.",
        "Control of {TOWN} passed to {REBELS} after {STATE} evacuated the garrison.",
        "Peacekeepers handed over their camp {PLACE} to {STATE} {WHEN}.",
        "{REBELS} vacated {TOWN} under a negotiated agreement and the army entered it.",
        "Militiamen abandoned their positions {PLACE} and troops entered unopposed.",
    ],
    "Other": [
        "A military aircraft crashed {PLACE}, killing {NUM} soldiers on board.",
        "The bodies of {NUM} men were discovered dumped {PLACE} {WHEN}.",
        "Gunfire erupted near the presidential palace in {CITY} in a failed coup attempt.",
        "An explosion at a weapons depot {PLACE} was caused by an accident, {OFFICIAL}.",
        "A fighter jet crashed {PLACE} {WHEN} due to a technical fault.",
        "Soldiers staged a mutiny at their barracks in {CITY} {WHEN}.",
        "Unidentified men fired shots in the air near the presidential palace in {CITY} {WHEN}.",
        "A military plane crashed {PLACE}, killing {NUM} crew members, {OFFICIAL}.",
        "Gunfire was heard near an army barracks in {CITY} amid rumours of a coup.",
        "Soldiers seized the state broadcaster in {CITY} {WHEN} and announced a curfew.",
        "A failed coup attempt was reported in {CITY} {WHEN}.",
        "Fighters burned {NUM} bodies found {PLACE}, {OFFICIAL}.",
        "A mass grave containing {NUM} bodies was discovered {PLACE}.",
        "Mutinous soldiers detained their commanders at a base {PLACE} {WHEN}.",
    ],
    "none": [
        "{STATE} accused {REBELS} of violating the truce {PLACE}.",
        "The ministry condemned the violence {PLACE} and called for calm.",
        "{REBELS} vowed to avenge the deaths of their fighters.",
        "Officials denied that troops had been involved in the incident.",
        "The government called on all sides to show restraint.",
        "\"We will respond at a time and place of our choosing,\" the commander said.",
        "The spokesman said the strikes were meant to send a message of deterrence.",
        "The defence minister defended the operation in a speech to parliament.",
        "Analysts said the attacks showed the group's growing capabilities.",
        "The militia is part of a coalition of armed groups backed by a foreign power.",
        "Relatives of the victims demanded an independent investigation.",
        "The White House declined to comment on the reports.",
        "The decision follows months of rising tension between the two neighbours.",
        "Soldiers wounded earlier in the week are recovering in hospital, the army said.",
        "The attack drew condemnation from the United Nations and the African Union.",
        "The finance minister said inflation was expected to slow in {CITY} later this year.",
        "Analysts say the conflict {PLACE} has deep roots in disputes over land and water.",
        "The foreign minister met his counterpart in {CITY} {WHEN} to discuss trade.",
        "Aid agencies warned that millions of people {PLACE} face food shortages.",
        "The central bank raised interest rates {WHEN} to support the currency.",
        "The report said schools {PLACE} had been closed for much of the year.",
        "Officials in {CITY} held talks on a new road-building programme.",
        "The president will travel to {CITY} next week for a regional summit.",
        "The UN envoy briefed the Security Council on the humanitarian situation {PLACE}.",
        "Oil exports rose sharply in the first quarter, according to the ministry.",
        "The election commission published the final list of candidates in {CITY}.",
        "Critics say the government has failed to address the causes of unrest {PLACE}.",
        "The region has been unstable for years, with {REBELS} active in remote areas.",
        "\"We are committed to dialogue and to the rule of law,\" the spokesman said.",
        "The European Union pledged new funding for development projects {PLACE}.",
        "Residents of {TOWN} said prices of bread and fuel had doubled.",
        "The army has been deployed {PLACE} since the insurgency began.",
        "There are about 2,000 foreign troops stationed {PLACE}.",
        "The group is listed as a terrorist organisation by several governments.",
        "The minister resigned for personal reasons, his office said {WHEN}.",
        "Farmers {PLACE} expect a good harvest after heavy rains.",
        "The agency said it would publish a full assessment next month.",
    ],
}

_SLOTS = {"STATE": STATE, "REBELS": REBELS, "AIR": AIR, "PLACE": PLACES, "TOWN": TOWNS, "WHEN": WHEN,
          "NUM": NUM, "CIVS": CIVS, "PROTESTERS": PROTESTERS, "CITY": CITIES, "GRIEVANCE": GRIEVANCE,
          "OFFICIAL": OFFICIAL}
_SLOT = re.compile(r"\{([A-Z]+)\}")
_SPACES = re.compile(r"\s+([,.])|\s{2,}")


def _fill(template: str, rng: random.Random) -> str:
    """One sentence from ``template``, the first letter upper-cased and stray spaces removed."""
    text = _SLOT.sub(lambda m: rng.choice(_SLOTS[m.group(1)]), template)
    text = _SPACES.sub(lambda m: m.group(1) or " ", text).replace(", .", ".").strip()
    return text[0].upper() + text[1:]


# Reporting frames put around some sentences, so attribution ("X said", "according to X") is no cue.
FRAMES = ["{SOURCE} said that {lower}", "According to {SOURCE}, {lower}", "{stripped}, {SOURCE} said.",
          "{SOURCE} reported that {lower}", "In a statement, {SOURCE} said {lower}"]
SOURCES = ["a monitoring group", "the military", "local officials", "a rights group", "the UN",
           "a spokesman for the governor", "residents", "state media", "two security sources", "the ministry"]


def _frame(sentence: str, rng: random.Random) -> str:
    lower = sentence[0].lower() + sentence[1:] if not sentence[:2].isupper() else sentence
    stripped = sentence.rstrip(".")
    framed = rng.choice(FRAMES).format(SOURCE=rng.choice(SOURCES), lower=lower, stripped=stripped)
    return framed[0].upper() + framed[1:]


def generate(seed: int = 13, per_label: int = 120) -> list[tuple[str, str]]:
    """``per_label`` distinct (sentence, label) pairs per label, the same for the same seed."""
    return [(sentence, label) for sentence, label, _ in generate_grouped(seed, per_label)]


def generate_grouped(seed: int = 13, per_label: int = 120) -> list[tuple[str, str, str]]:
    """(sentence, label, template id): the id lets cross-validation hold out whole templates."""
    rng = random.Random(seed)
    rows: list[tuple[str, str, str]] = []
    for label, templates in TEMPLATES.items():
        seen: set[str] = set()
        target = per_label * (3 if label == "none" else 1)
        tries = 0
        while len(seen) < target and tries < target * 20:
            tries += 1
            index = tries % len(templates)
            sentence = _fill(templates[index], rng)
            if sentence in seen:
                continue
            seen.add(sentence)
            group = f"{label}#{index}"
            rows.append((sentence, label, group))
            if rng.random() < 0.3:
                rows.append((_frame(sentence, rng), label, group))
    return rows
