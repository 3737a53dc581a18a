# Generates Tests/SourceCitationAnalysisTests/Resources/citation-heldout.json: a second set,
# written after the analyzer was developed against citation-sentences.json and never used
# to tune it. Same format.
from citation_dataset import D, I, M, A, R, Dataset
dataset=Dataset()
add=dataset.add
add("“The ferry will not sail until the wind drops,” said harbour master Ines Duarte.",(D,"harbour master Ines Duarte","The ferry will not sail until the wind drops"))
add("\"We have enough beds for now,\" the hospital's medical director said on Wednesday.",(D,"the hospital's medical director","We have enough beds for now"))
add("Finance Minister Olu Adeyemi said: “The currency is stable.”",(D,"Finance Minister Olu Adeyemi","The currency is stable."))
add("“This verdict changes nothing,” lawyers for the family said.",(D,"lawyers for the family","This verdict changes nothing"))
add("Rosa Lindgren coaches the junior team. “They train in the dark all winter,” she said.",(D,"she","They train in the dark all winter"))
add("“It is too early to tell,” said Hugo Martel, a seismologist at the observatory.",(D,"Hugo Martel","It is too early to tell"))
add("\"We will rebuild the school,\" promised the village head, Samuel Otieno.",(D,"the village head","We will rebuild the school"))
add("The mayor said, “No family will be left without heating.”",(D,"The mayor","No family will be left without heating."))
add("“The strike is over,” union negotiator Petra Holm told reporters. “Our members won.”",(D,"union negotiator Petra Holm","The strike is over"),(D,"union negotiator Petra Holm","Our members won."))
add("\"There were no survivors,\" a rescue official said.",(D,"a rescue official","There were no survivors"))
add("Transport Minister Leo Grant said the new line would open in 2027.",(I,"Transport Minister Leo Grant","the new line would open in 2027"))
add("The embassy said that two of its citizens had been detained.",(I,"The embassy","two of its citizens had been detained"))
add("Investigators believe the fire started in the kitchen.",(I,"Investigators","the fire started in the kitchen"))
add("The utility warned customers that bills would rise in April.",(I,"The utility","bills would rise in April"))
add("Ambassador Nadia Rahman told the council that aid convoys were being blocked.",(I,"Ambassador Nadia Rahman","aid convoys were being blocked"))
add("The water level is still rising, the fire brigade said.",(I,"the fire brigade","The water level is still rising"))
add("Exports to Asia slowed in the third quarter, said Kenji Mori, chief economist at the bank.",(I,"Kenji Mori","Exports to Asia slowed in the third quarter"))
add("The striking dockers said they had not been paid for two months.",(I,"The striking dockers","they had not been paid for two months"))
add("Senator Joan Pike visited the flooded town on Saturday. She said federal help was on its way.",(I,"She","federal help was on its way"))
add("The festival’s organisers announced that this year’s event would be free.",(I,"The festival’s organisers","this year’s event would be free"))
add("Teachers complained that classrooms were overcrowded.",(I,"Teachers","classrooms were overcrowded"))
add("The minister denied that the contract had been awarded without a tender.",(I,"The minister","the contract had been awarded without a tender"))
add("Two officials familiar with the decision said the troops would leave by June.",(I,"Two officials familiar with the decision","the troops would leave by June"))
add("The governor called the flooding “the worst in living memory”.",(M,"The governor","the flooding “the worst in living memory”"))
add("The chief inspector said the building was “a death trap” before the fire.",(M,"The chief inspector","the building was “a death trap” before the fire"))
add("Activists described the new law as \"a step backwards\".",(M,"Activists","the new law as \"a step backwards\""))
add("According to the United Nations, more than a million people have fled the region.",(A,"the United Nations","more than a million people have fled the region"))
add("The factory employed 800 people, according to company records.",(A,"company records","The factory employed 800 people"))
add("According to a poll by Ipsos, most voters support the reform.",(A,"a poll by Ipsos","most voters support the reform"))
add("The Guardian reported that the minister had used a private email account.",(A,"The Guardian","the minister had used a private email account"))
add("Figures released by the interior ministry show that crime fell last year.",(A,"Figures released by the interior ministry","crime fell last year"))
add("The average rent rose by 9 percent, the housing agency estimated.",(A,"the housing agency","The average rent rose by 9 percent"))
add("In an interview with Der Spiegel, the chancellor said the coalition would survive.",(A,"Der Spiegel","the coalition would survive"),(I,"the chancellor","the coalition would survive"))
add("Forest cover shrank by a tenth in a decade [7].\n\nSources\n\n[7] Green Ledger — “Vanishing forests”, 2023-06-01",(R,"Green Ledger","Forest cover shrank by a tenth in a decade"))
add("The new rules are explained in the [agency's guidance](https://www.example.gov/guidance).",(R,"example.gov","agency's guidance"))
for q in [
 "The museum said goodbye to its oldest guide last week.",
 "The “quiet period” before the vote begins on Friday.",
 "Her latest novel, “The Salt Road”, sold well in France.",
 "The word “resilience” has lost its meaning.",
 "The team’s statement was posted late at night.",
 "Officials from both countries met in Geneva.",
 "The stadium was called “the Cauldron” by fans.",
 "That said, the shop will reopen in the spring.",
 "The council estimates are published every May.",
 "The reports of his death were greatly exaggerated.",
 "The bakery sold out of bread by noon.",
 "A “historic” agreement was signed in the capital.",
 "Ferries resumed their normal timetable on Monday.",
 "The claims process takes about six weeks.",
 "The mountain road reopened after the snow cleared.",
]: add(q)
dataset.write("citation-heldout.json", "Held-out set: written after development, never used to tune the analyzer.")
