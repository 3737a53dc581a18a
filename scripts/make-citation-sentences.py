# Generates Tests/SourceCitationAnalysisTests/Resources/citation-sentences.json.
# Each item: text, and citations (type, speaker as written, content), quiet items have none.
from citation_dataset import D, I, M, A, R, Dataset
dataset=Dataset()
add=dataset.add

# --- direct quotes, speaker after ---
add("“We will not close the plant,” said Maria Alvarez, the company’s plant manager.",(D,"Maria Alvarez","We will not close the plant"))
add("\"The numbers speak for themselves,\" Thompson told reporters on Monday.",(D,"Thompson","The numbers speak for themselves"))
add("“We expect a decision within weeks,” a spokesperson for the ministry said.",(D,"a spokesperson for the ministry","We expect a decision within weeks"))
add("\"Nobody saw this coming,\" said Lena Fischer, an economist at the Kiel Institute.",(D,"Lena Fischer","Nobody saw this coming"))
add("“The harbour is safe again,” the coast guard commander said late on Friday.",(D,"the coast guard commander","The harbour is safe again"))
add("\"Prices will keep rising through the winter,\" warned Arjun Mehta, who runs a bakery in Leeds.",(D,"Arjun Mehta","Prices will keep rising through the winter"))
add("“I have never seen water this high,” said Tomasz Nowak, 71.",(D,"Tomasz Nowak","I have never seen water this high"))
add("\"This is a good day for patients,\" Health Minister Aiko Tanaka told parliament.",(D,"Health Minister Aiko Tanaka","This is a good day for patients"))
add("“Our members are exhausted,” union leader Grace Mensah said.",(D,"union leader Grace Mensah","Our members are exhausted"))
add("\"We are talking to all sides,\" a senior official said.",(D,"a senior official","We are talking to all sides"))
add("“The vote was fair,” election observers said in a statement.",(D,"election observers","The vote was fair"))
add("\"The deal is dead,\" Senator Carla Ruiz said flatly.",(D,"Senator Carla Ruiz","The deal is dead"))
add("“We found traces of lead in three samples,” said Dr. Ibrahim Sall, who led the study.",(D,"Dr. Ibrahim Sall","We found traces of lead in three samples"))
add("\"There is no plan B,\" the finance minister told the BBC.",(D,"the finance minister","There is no plan B"))
add("“It will take years to rebuild,” said the mayor of Kharkiv, Ihor Terekhov.",(D,"the mayor of Kharkiv","It will take years to rebuild"))
add("\"We were not consulted,\" said Chief Executive Paul Lindqvist.",(D,"Chief Executive Paul Lindqvist","We were not consulted"))
add("“The trains will run on time,” the rail operator’s director, Sofia Marin, promised.",(D,"Sofia Marin","The trains will run on time"))
add("\"I am proud of this team,\" coach Daniel Osei said after the match.",(D,"coach Daniel Osei","I am proud of this team"))
# --- direct quotes, speaker before ---
add("Prime Minister Elena Petrova said: “We will hold the election in June.”",(D,"Prime Minister Elena Petrova","We will hold the election in June."))
add("The governor told reporters: \"Schools stay open tomorrow.\"",(D,"The governor","Schools stay open tomorrow."))
add("Kofi Asante, the head of the farmers’ association, said: “The rain came too late.”",(D,"Kofi Asante","The rain came too late."))
add("In a statement, the airline said: \"All flights will resume on Sunday.\"",(D,"the airline","All flights will resume on Sunday."))
add("Professor Mei Lin wrote: “The data do not support the claim.”",(D,"Professor Mei Lin","The data do not support the claim."))
add("The ambassador declared: \"My country will not be intimidated.\"",(D,"The ambassador","My country will not be intimidated."))
add("Police chief Rafael Gomez said that \"the suspect acted alone.\"",(D,"Police chief Rafael Gomez","the suspect acted alone."))
# --- direct quotes with pronouns ---
add("Anna Berg has run the shelter for ten years. “We turn people away every night,” she said.",(D,"she","We turn people away every night"))
add("Economy Minister Jonas Keller spoke after the meeting. \"Growth is returning,\" he said.",(D,"he","Growth is returning"))
add("The nurses marched to the hospital on Tuesday. “We want safe staffing,” they said.",(D,"they","We want safe staffing"))
add("Mark Havel, a retired teacher, lost his home in the fire. “Everything is gone,” he said. “Even the photographs.”",(D,"he","Everything is gone"),(D,"he","Even the photographs."))
add("“The vaccine works,” said Dr. Hana Novak. “We have the data to show it.”",(D,"Dr. Hana Novak","The vaccine works"),(D,"Dr. Hana Novak","We have the data to show it."))
add("Fire chief Omar Haddad described the scene. “The roof collapsed within minutes,” he said, “and we pulled everyone out.”",(D,"he","The roof collapsed within minutes"),(D,"he","and we pulled everyone out."))
# --- multi-paragraph quote ---
add("“We did everything we could,” said the captain, Erik Sund. “The storm came faster than forecast.\n\n“Next season we will leave port earlier.”",(D,"the captain","We did everything we could"),(D,"the captain","The storm came faster than forecast.\n\n“Next season we will leave port earlier."))
# --- indirect quotes ---
add("The health minister said the hospital would open next spring.",(I,"The health minister","the hospital would open next spring"))
add("Officials said that the fire had been contained by Sunday morning.",(I,"Officials","the fire had been contained by Sunday morning"))
add("Mayor Lucia Romano announced on Tuesday that bus fares would be frozen.",(I,"Mayor Lucia Romano","bus fares would be frozen"))
add("The company denied that it had misled investors.",(I,"The company","it had misled investors"))
add("Senator Paul Whitaker argued that the bill would raise costs for small firms.",(I,"Senator Paul Whitaker","the bill would raise costs for small firms"))
add("Analysts warned that the slowdown could last into next year.",(I,"Analysts","the slowdown could last into next year"))
add("The defence ministry claimed that its forces had retaken the village.",(I,"The defence ministry","its forces had retaken the village"))
add("Critics insisted that the new rules were unenforceable.",(I,"Critics","the new rules were unenforceable"))
add("The central bank’s governor, Ana Sousa, stressed that inflation remained too high.",(I,"Ana Sousa","inflation remained too high"))
add("Jonah Reed, a spokesman for the port authority, confirmed that two ships had collided.",(I,"Jonah Reed","two ships had collided"))
add("The company acknowledged that customer data had been exposed.",(I,"The company","customer data had been exposed"))
add("Residents told local radio that the water had turned brown overnight.",(I,"Residents","the water had turned brown overnight"))
add("The coach admitted that his team had played badly.",(I,"The coach","his team had played badly"))
add("Environment Secretary Rachel Dunn noted that emissions fell by 4 percent last year.",(I,"Environment Secretary Rachel Dunn","emissions fell by 4 percent last year"))
add("President Amara Diallo reiterated that the border would stay closed.",(I,"President Amara Diallo","the border would stay closed"))
add("Experts suggested that the bridge had been poorly maintained for years.",(I,"Experts","the bridge had been poorly maintained for years"))
add("The prosecutor told the court that the defendant had fled twice before.",(I,"The prosecutor","the defendant had fled twice before"))
add("The airline has said it will refund all cancelled tickets.",(I,"The airline","it will refund all cancelled tickets"))
add("The striking pilots said they would return to work on Monday, but the union warned that talks could collapse.",(I,"The striking pilots","they would return to work on Monday"),(I,"the union","talks could collapse"))
add("The mine will close next year, the company said.",(I,"the company","The mine will close next year"))
add("Turnout was the lowest in two decades, election officials said on Sunday.",(I,"election officials","Turnout was the lowest in two decades"))
add("The talks made good progress, said Foreign Minister Idris Bello.",(I,"Foreign Minister Idris Bello","The talks made good progress"))
add("Three people were injured in the blast, police said.",(I,"police","Three people were injured in the blast"))
add("The road will stay closed until Friday, a council spokeswoman said.",(I,"a council spokeswoman","The road will stay closed until Friday"))
add("Rents in the city rose faster than wages, the researchers found.",(A,"the researchers","Rents in the city rose faster than wages"))
add("Grain exports doubled in March, traders said, adding that prices had fallen.",(I,"traders","Grain exports doubled in March"),(I,"traders","prices had fallen"))
add("Governor Tim Walsh said the state would appeal, noting that the ruling was unprecedented.",(I,"Governor Tim Walsh","the state would appeal"),(I,"Governor Tim Walsh","the ruling was unprecedented"))
add("The ministry stated that no refugees had been turned back.",(I,"The ministry","no refugees had been turned back"))
add("Sources familiar with the matter said the merger would be announced within days.",(I,"Sources familiar with the matter","the merger would be announced within days"))
add("People familiar with the talks said both sides had softened their demands.",(I,"People familiar with the talks","both sides had softened their demands"))
add("Diplomats said that the ceasefire was holding in most areas.",(I,"Diplomats","the ceasefire was holding in most areas"))
add("The club’s chairman, Victor Hale, denied that the stadium would be sold.",(I,"Victor Hale","the stadium would be sold"))
add("Lawmakers from both parties questioned whether the agency had enough staff.",(I,"Lawmakers from both parties","whether the agency had enough staff"))
add("Dr. Amelia Stone explained that the virus spreads mainly indoors.",(I,"Dr. Amelia Stone","the virus spreads mainly indoors"))
add("The school board announced that classes would move online for two weeks.",(I,"The school board","classes would move online for two weeks"))
# indirect with pronoun
add("Defence Secretary Karen Holt visited the base on Monday. She said the troops would stay until spring.",(I,"She","the troops would stay until spring"))
add("Chen Wei, the factory owner, met the inspectors. He insisted that the machines were safe.",(I,"He","the machines were safe"))
add("The regulators published their findings in May. They said the bank had ignored repeated warnings.",(I,"They","the bank had ignored repeated warnings"))
add("Judge Miriam Katz read the verdict aloud. She added that the sentence would be suspended.",(I,"She","the sentence would be suspended"))
# passive / quoted as saying
add("It was announced by the ministry that the tax would be scrapped.",(I,"the ministry","the tax would be scrapped"))
add("The general was quoted as saying that the offensive would continue.",(I,"The general","the offensive would continue"))
add("Mayor Ivan Petrov was quoted as saying the city had run out of salt.",(I,"Mayor Ivan Petrov","the city had run out of salt"))
# --- mixed quotes ---
add("The minister said the budget “leaves no one behind” and promised more teachers.",(M,"The minister","the budget “leaves no one behind” and promised more teachers"))
add("Senator Ruth Adler called the proposal “a gift to polluters”.",(M,"Senator Ruth Adler","the proposal “a gift to polluters”"))
add("The president described the attack as \"cowardly and senseless\".",(M,"The president","the attack as \"cowardly and senseless\""))
add("Opposition leader Marco Bianchi dismissed the report as “pure fiction”.",(M,"Opposition leader Marco Bianchi","the report as “pure fiction”"))
add("The chief executive said sales had been \"disappointing\" in Asia.",(M,"The chief executive","sales had been \"disappointing\" in Asia"))
add("Police said the driver was “known to officers” and had been arrested before.",(M,"Police","the driver was “known to officers” and had been arrested before"))
add("Professor Dana White argued that the policy was “doomed from the start” because it ignored rural areas.",(M,"Professor Dana White","the policy was “doomed from the start” because it ignored rural areas"))
add("The regulator warned that the bank’s controls were “seriously deficient”.",(M,"The regulator","the bank’s controls were “seriously deficient”"))
add("Union officials said the offer was \"an insult\" to nurses.",(M,"Union officials","the offer was \"an insult\" to nurses"))
add("The foreign ministry labelled the sanctions “illegal and counterproductive”.",(M,"The foreign ministry","the sanctions “illegal and counterproductive”"))
add("Coach Lars Eriksen said his players had shown “real courage” in the second half.",(M,"Coach Lars Eriksen","his players had shown “real courage” in the second half"))
add("The spokesman denied that the army had used \"excessive force\" at the border.",(M,"The spokesman","the army had used \"excessive force\" at the border"))
# --- according to ---
add("According to the World Bank, the economy shrank by 3 percent last year.",(A,"the World Bank","the economy shrank by 3 percent last year"))
add("The storm killed at least twelve people, according to local officials.",(A,"local officials","The storm killed at least twelve people"))
add("According to Reuters, the two companies have held talks since January.",(A,"Reuters","the two companies have held talks since January"))
add("Unemployment fell to 4.1 percent in June, according to the Bureau of Labor Statistics.",(A,"the Bureau of Labor Statistics","Unemployment fell to 4.1 percent in June"))
add("According to a report by the Court of Auditors, the project is two years behind schedule.",(A,"a report by the Court of Auditors","the project is two years behind schedule"))
add("According to people familiar with the plans, the launch has been delayed.",(A,"people familiar with the plans","the launch has been delayed"))
add("The museum received 2 million visitors in 2022, according to its annual report.",(A,"its annual report","The museum received 2 million visitors in 2022"))
add("Data from the National Weather Service shows that July was the hottest month on record.",(A,"Data from the National Weather Service","July was the hottest month on record"))
add("A survey by the Pew Research Center found that most adults get news from their phones.",(A,"A survey by the Pew Research Center","most adults get news from their phones"))
add("The International Energy Agency estimates that demand for coal will peak this decade.",(A,"The International Energy Agency","demand for coal will peak this decade"))
add("Bloomberg reported that the fund had sold its stake in March.",(A,"Bloomberg","the fund had sold its stake in March"))
add("As reported by the Associated Press, the ship ran aground near the harbour entrance.",(A,"the Associated Press","the ship ran aground near the harbour entrance"))
add("The bill would cost $40 billion over ten years, the Congressional Budget Office estimated.",(A,"the Congressional Budget Office","The bill would cost $40 billion over ten years"))
add("A study published in The Lancet found that the drug cut deaths by a fifth.",(A,"A study published in The Lancet","the drug cut deaths by a fifth"))
add("According to the census, the town has lost a third of its population since 1990.",(A,"the census","the town has lost a third of its population since 1990"))
add("Figures from the statistics office show that exports rose for a third month.",(A,"Figures from the statistics office","exports rose for a third month"))
add("In an interview with Le Monde, the minister said she would not resign.",(A,"Le Monde","she would not resign"),(I,"the minister","she would not resign"))
add("Speaking with CNN on Sunday, Senator Mia Clarke said the vote would be close.",(A,"CNN","the vote would be close"),(I,"Senator Mia Clarke","the vote would be close"))
add("According to the police, the suspect was arrested at the airport.",(A,"the police","the suspect was arrested at the airport"))
add("The river rose by two metres overnight, according to the Environment Agency.",(A,"the Environment Agency","The river rose by two metres overnight"))
add("According to Dr. Sara Kim, a virologist at the university, the new variant is no more severe.",(A,"Dr. Sara Kim","the new variant is no more severe"))
add("The Financial Times reported that the bank was preparing to cut 3,000 jobs.",(A,"The Financial Times","the bank was preparing to cut 3,000 jobs"))
add("The company’s annual report shows that profits doubled in 2023.",(A,"The company’s annual report","profits doubled in 2023"))
# --- reference markers and links ---
add("Coal use in the region fell by a quarter between 2015 and 2020 [1].\n\nSources:\n\n[1] Energy Monitor — “Coal in decline” from 12.03.2021",(R,"Energy Monitor","Coal use in the region fell by a quarter between 2015 and 2020"))
add("The city spends more on policing than on parks [2], and the gap is growing [3].\n\nReferences\n\n[2] City Budget Office: “Budget 2024”, 2024-01-15\n\n[3] Daily Ledger — “The widening gap”",(R,"City Budget Office","The city spends more on policing than on parks"),(R,"Daily Ledger","and the gap is growing"))
add("Wheat yields rose again in 2023, as the [ministry report](https://agri.example.org/report-2023) shows.",(R,"agri.example.org","ministry report"))
add("Most of the fines were never collected [4].\n\nNotes:\n\n[4] Audit Weekly — “Uncollected fines” from 03.05.2022",(R,"Audit Weekly","Most of the fines were never collected"))
# --- quiet: no attribution ---
quiet=[
"The bridge was closed for repairs on Tuesday.",
"Prices for fresh vegetables rose sharply in the spring.",
"The so-called “green transition” will need new power lines.",
"Critics of the plan have gathered outside the town hall every week.",
"The word “sanctions” appears twelve times in the document.",
"The novel “War and Peace” was adapted for television in 2016.",
"He read the magazine \"National Geographic\" on the train.",
"That said, the council still has to approve the budget.",
"Having said that, nobody expects the vote to fail.",
"The said property was sold at auction in 1998.",
"The report was published on Monday and runs to 300 pages.",
"Her claims were rejected by the court last year.",
"The statement was short and contained no new details.",
"The company posted a loss of $2 million in the first quarter.",
"The team found a new sponsor before the season began.",
"The river found its old course after the flood.",
"Sales of electric cars doubled in Norway last year.",
"The museum will stay open late on Fridays.",
"The film’s title, “Silent Harbour”, was chosen by its director.",
"A “temporary” fence has stood in the park for six years.",
"The decision to close the library angered many readers.",
"Farmers planted less maize because of the drought.",
"The ship was called “Northern Star” by its first owner.",
"Rain is expected across the north on Thursday.",
"The \"smart city\" project has cost more than expected.",
"The minister’s speech lasted forty minutes.",
"Needless to say, the trains were late again.",
"The interview will be broadcast on Sunday evening.",
"Most shops in the old town close at six.",
"The song “Blue Morning” topped the charts in 1987.",
"Tourism recovered faster than hotels had hoped.",
"The court adjourned the case until March.",
"Snow fell on the mountain passes overnight.",
"The agency's budget was cut by a tenth.",
"The company's founder retired in 2019.",
"Many residents left the valley after the mine closed.",
"The results of the election will be known by midnight.",
"The orchestra played “Ode to Joy” at the opening.",
"Water levels in the reservoir are at a record low.",
"A new hospital wing opened in the eastern district.",
"The so-called experts were nowhere to be seen.",
"The protest remained peaceful throughout the afternoon.",
]
for q in quiet: add(q)
dataset.write("citation-sentences.json", "Written for Loupe's source-citation tests; not taken from the seeds or the shared corpora. Spans are given as exact text (first occurrence; an item's pronoun speakers are the first occurrence after its earlier citations).")
