"""Names for the synthetic state: each as (Latin, Devanagari, other Latin spellings seen in real
registers, other Devanagari spellings). The variants are what planted duplicates are made of."""

Name = tuple[str, str, tuple[str, ...], tuple[str, ...]]

MALE: list[Name] = [
    ("Ramesh", "रमेश", ("Rames", "Raamesh"), ("रामेश",)),
    ("Suresh", "सुरेश", ("Sures", "Sooresh"), ("सुरेस",)),
    ("Mahesh", "महेश", ("Mahes", "Maheshh"), ("महेस",)),
    ("Rajesh", "राजेश", ("Rajes", "Raajesh"), ("राजेस",)),
    ("Mukesh", "मुकेश", ("Mukes", "Mookesh"), ("मूकेश",)),
    ("Dinesh", "दिनेश", ("Dines", "Deenesh"), ("दीनेश",)),
    ("Shyam", "श्याम", ("Syam", "Shyaam"), ("स्याम",)),
    ("Ram", "राम", ("Raam", "Rama"), ("रामा",)),
    ("Mohan", "मोहन", ("Mohun", "Mohann"), ("मोहण",)),
    ("Krishna", "कृष्ण", ("Krisna", "Krishan"), ("किशन",)),
    ("Vijay", "विजय", ("Bijay", "Vijai"), ("बिजय",)),
    ("Sanjay", "संजय", ("Sanjai", "Sunjay"), ("सञ्जय",)),
    ("Ajay", "अजय", ("Ajai", "Ajey"), ("अजै",)),
    ("Manoj", "मनोज", ("Manoje", "Manooj"), ("मनौज",)),
    ("Santosh", "संतोष", ("Santos", "Santoshh"), ("सन्तोष",)),
    ("Prakash", "प्रकाश", ("Parkash", "Prakas"), ("परकाश",)),
    ("Ashok", "अशोक", ("Asok", "Ashoke"), ("असोक",)),
    ("Anil", "अनिल", ("Aneel", "Anill"), ("अनील",)),
    ("Sunil", "सुनील", ("Suneel", "Sunill"), ("सुनिल",)),
    ("Rakesh", "राकेश", ("Raakesh", "Rakes"), ("राकेस",)),
    ("Deepak", "दीपक", ("Dipak", "Deepuk"), ("दिपक",)),
    ("Pradeep", "प्रदीप", ("Pradip", "Pardeep"), ("प्रदिप",)),
    ("Kailash", "कैलाश", ("Kailas", "Kelash"), ("कैलास",)),
    ("Shivam", "शिवम", ("Sivam", "Shivum"), ("शिवम्",)),
    ("Gopal", "गोपाल", ("Gopaal", "Gopel"), ("गोपल",)),
    ("Bhagwan", "भगवान", ("Bhagvan", "Bhagwaan"), ("भगवन",)),
    ("Kishan", "किशन", ("Kisan", "Kishun"), ("किसन",)),
    ("Narendra", "नरेंद्र", ("Narendr", "Narender"), ("नरेन्द्र",)),
    ("Devendra", "देवेंद्र", ("Devender", "Devendr"), ("देवेन्द्र",)),
    ("Mahendra", "महेंद्र", ("Mahender", "Mahendar"), ("महेन्द्र",)),
    ("Rajendra", "राजेंद्र", ("Rajender", "Rajinder"), ("राजेन्द्र",)),
    ("Surendra", "सुरेंद्र", ("Surender", "Surinder"), ("सुरेन्द्र",)),
    ("Govind", "गोविंद", ("Gobind", "Govinda"), ("गोविन्द",)),
    ("Hari", "हरि", ("Hary", "Haree"), ("हरी",)),
    ("Lakhan", "लखन", ("Lakhun", "Lakhann"), ("लाखन",)),
    ("Bharat", "भरत", ("Bharath", "Bharut"), ("भारत",)),
    ("Arjun", "अर्जुन", ("Arjoon", "Arjunn"), ("अरजुन",)),
    ("Vinod", "विनोद", ("Binod", "Vinode"), ("बिनोद",)),
    ("Kamal", "कमल", ("Kamel", "Kamall"), ("कमाल",)),
    ("Mangal", "मंगल", ("Mangel", "Mungal"), ("मङ्गल",)),
    ("Ravi", "रवि", ("Ravee", "Rabi"), ("रवी",)),
    ("Pawan", "पवन", ("Pavan", "Pawann"), ("पावन",)),
    ("Rahul", "राहुल", ("Rahool", "Raahul"), ("राहूल",)),
    ("Amit", "अमित", ("Ameet", "Amitt"), ("अमीत",)),
    ("Sachin", "सचिन", ("Sachine", "Sachen"), ("सचीन",)),
    ("Imran", "इमरान", ("Imraan", "Emran"), ("इमरन",)),
    ("Salim", "सलीम", ("Saleem", "Selim"), ("सलिम",)),
    ("Jitendra", "जितेंद्र", ("Jitender", "Jeetendra"), ("जितेन्द्र",)),
    ("Dharmendra", "धर्मेंद्र", ("Dharmender", "Dharmendr"), ("धर्मेन्द्र",)),
    ("Balram", "बलराम", ("Balaram", "Balraam"), ("बलरम",)),
]

FEMALE: list[Name] = [
    ("Sunita", "सुनीता", ("Suneeta", "Sunitaa"), ("सुनिता",)),
    ("Anita", "अनीता", ("Aneeta", "Anitaa"), ("अनिता",)),
    ("Geeta", "गीता", ("Gita", "Geetaa"), ("गिता",)),
    ("Seema", "सीमा", ("Sima", "Seemaa"), ("सिमा",)),
    ("Pooja", "पूजा", ("Puja", "Poojaa"), ("पुजा",)),
    ("Rekha", "रेखा", ("Rekhaa", "Reka"), ("रेका",)),
    ("Kamla", "कमला", ("Kamala", "Kamlaa"), ("कामला",)),
    ("Savitri", "सावित्री", ("Savitry", "Savitree"), ("सावित्रि",)),
    ("Radha", "राधा", ("Radhaa", "Raadha"), ("रधा",)),
    ("Lakshmi", "लक्ष्मी", ("Laxmi", "Lakshmee"), ("लछमी",)),
    ("Sita", "सीता", ("Seeta", "Sitaa"), ("सिता",)),
    ("Meena", "मीना", ("Mina", "Meenaa"), ("मिना",)),
    ("Kusum", "कुसुम", ("Kusoom", "Kushum"), ("कूसुम",)),
    ("Shanti", "शांति", ("Santi", "Shanty"), ("शान्ति",)),
    ("Kiran", "किरण", ("Kiren", "Kirann"), ("किरन",)),
    ("Priya", "प्रिया", ("Priyaa", "Pria"), ("प्रीया",)),
    ("Neha", "नेहा", ("Nehaa", "Neeha"), ("नेहां",)),
    ("Rani", "रानी", ("Raani", "Ranee"), ("रानि",)),
    ("Guddi", "गुड्डी", ("Gudi", "Guddy"), ("गुड्डि",)),
    ("Kalpana", "कल्पना", ("Kalpanaa", "Kalapana"), ("कलपना",)),
    ("Mamta", "ममता", ("Mamata", "Mamtaa"), ("ममिता",)),
    ("Usha", "उषा", ("Ushaa", "Usa"), ("ऊषा",)),
    ("Asha", "आशा", ("Aasha", "Asa"), ("आसा",)),
    ("Suman", "सुमन", ("Sumun", "Sumann"), ("सूमन",)),
    ("Pushpa", "पुष्पा", ("Puspa", "Pushpaa"), ("पुस्पा",)),
    ("Saroj", "सरोज", ("Saroje", "Sarooj"), ("सरोझ",)),
    ("Rukmini", "रुक्मिणी", ("Rukmani", "Rukmine"), ("रुक्मनी",)),
    ("Parvati", "पार्वती", ("Parwati", "Parvathi"), ("पारवती",)),
    ("Jyoti", "ज्योति", ("Jyoty", "Jioti"), ("ज्योती",)),
    ("Manju", "मंजू", ("Manjoo", "Munju"), ("मंजु",)),
    ("Sarita", "सरिता", ("Sareeta", "Saritaa"), ("सरीता",)),
    ("Babita", "बबिता", ("Babeeta", "Bubita"), ("बबीता",)),
    ("Durga", "दुर्गा", ("Durgaa", "Durgha"), ("दुरगा",)),
    ("Ganga", "गंगा", ("Gangaa", "Gunga"), ("गङ्गा",)),
    ("Kavita", "कविता", ("Kaveeta", "Kavitaa"), ("कवीता",)),
    ("Nirmala", "निर्मला", ("Nirmla", "Nermala"), ("निरमला",)),
    ("Poonam", "पूनम", ("Punam", "Poonum"), ("पुनम",)),
    ("Renu", "रेणु", ("Renoo", "Rainu"), ("रेनू",)),
    ("Shabnam", "शबनम", ("Sabnam", "Shabnum"), ("सबनम",)),
    ("Fatima", "फ़ातिमा", ("Fatma", "Phatima"), ("फातिमा",)),
    ("Bhagwati", "भगवती", ("Bhagvati", "Bhagwaty"), ("भगवति",)),
    ("Chanda", "चंदा", ("Chandaa", "Chunda"), ("चन्दा",)),
    ("Hemlata", "हेमलता", ("Hemalata", "Hemlatha"), ("हेमलाता",)),
    ("Komal", "कोमल", ("Komel", "Komall"), ("कोमाल",)),
    ("Lalita", "ललिता", ("Laleeta", "Lalitaa"), ("ललीता",)),
    ("Madhu", "मधु", ("Madhoo", "Madu"), ("मधू",)),
    ("Nisha", "निशा", ("Nishaa", "Nisa"), ("निसा",)),
    ("Rajkumari", "राजकुमारी", ("Rajkumaari", "Raj Kumari"), ("राजकुमारि",)),
    ("Sangeeta", "संगीता", ("Sangita", "Sangeetaa"), ("संगिता",)),
    ("Vandana", "वंदना", ("Bandana", "Vandna"), ("वन्दना",)),
]

SURNAMES: list[Name] = [
    ("Yadav", "यादव", ("Yaduv", "Yadaw"), ("यदव",)),
    ("Sharma", "शर्मा", ("Sarma", "Sharmaa"), ("सर्मा",)),
    ("Verma", "वर्मा", ("Varma", "Barma"), ("बर्मा",)),
    ("Patel", "पटेल", ("Patell", "Patil"), ("पटैल",)),
    ("Singh", "सिंह", ("Sing", "Singhh"), ("सिंग",)),
    ("Kushwaha", "कुशवाहा", ("Kushwah", "Kushvaha"), ("कुशवाह",)),
    ("Lodhi", "लोधी", ("Lodi", "Lodhee"), ("लोधि",)),
    ("Ahirwar", "अहिरवार", ("Ahirvar", "Aherwar"), ("अहिरवर",)),
    ("Chouhan", "चौहान", ("Chauhan", "Chohan"), ("चोहान",)),
    ("Rajput", "राजपूत", ("Rajpoot", "Rajputt"), ("राजपुत",)),
    ("Thakur", "ठाकुर", ("Thakoor", "Thakkur"), ("ठाकूर",)),
    ("Tiwari", "तिवारी", ("Tiwary", "Tewari"), ("तिवारि",)),
    ("Mishra", "मिश्रा", ("Misra", "Mishr"), ("मिसरा",)),
    ("Dubey", "दुबे", ("Dube", "Dubay"), ("दूबे",)),
    ("Pandey", "पांडे", ("Pande", "Pandy"), ("पाण्डेय",)),
    ("Jatav", "जाटव", ("Jatava", "Jatao"), ("जाटौ",)),
    ("Meena", "मीणा", ("Mina", "Meenaa"), ("मीना",)),
    ("Gond", "गोंड", ("Gonda", "Gondh"), ("गोण्ड",)),
    ("Bhil", "भील", ("Bheel", "Bhill"), ("भिल",)),
    ("Baiga", "बैगा", ("Baigaa", "Bayga"), ("बेगा",)),
    ("Sahu", "साहू", ("Sahoo", "Saahu"), ("साहु",)),
    ("Rathore", "राठौर", ("Rathor", "Rathour"), ("राठोर",)),
    ("Malviya", "मालवीय", ("Malvia", "Malaviya"), ("मालविय",)),
    ("Prajapati", "प्रजापति", ("Prajapaty", "Parjapati"), ("प्रजापती",)),
    ("Kewat", "केवट", ("Kevat", "Kewatt"), ("केवत",)),
    ("Dhakad", "धाकड़", ("Dhakar", "Dhaakad"), ("धाकड",)),
    ("Gurjar", "गुर्जर", ("Gujar", "Gujjar"), ("गूजर",)),
    ("Namdev", "नामदेव", ("Naamdev", "Namdeo"), ("नामदेओ",)),
    ("Soni", "सोनी", ("Sony", "Sonee"), ("सोनि",)),
    ("Jain", "जैन", ("Jaine", "Jein"), ("जेन",)),
    ("Khan", "ख़ान", ("Khaan", "Kahn"), ("खान",)),
    ("Qureshi", "क़ुरैशी", ("Kureshi", "Qureishi"), ("कुरैशी",)),
    ("Vishwakarma", "विश्वकर्मा", ("Vishvakarma", "Viswakarma"), ("विसकर्मा",)),
    ("Raikwar", "रैकवार", ("Raikvar", "Rekwar"), ("रैकवर",)),
    ("Chadar", "चढ़ार", ("Chadhar", "Chaddar"), ("चढार",)),
    ("Uikey", "उइके", ("Uike", "Uikay"), ("उईके",)),
    ("Maravi", "मरावी", ("Marvi", "Maraavi"), ("मरावि",)),
    ("Dhurve", "धुर्वे", ("Dhurwe", "Dhurvey"), ("धुरवे",)),
    ("Kori", "कोरी", ("Koree", "Kory"), ("कोरि",)),
    ("Saket", "साकेत", ("Saaket", "Saketh"), ("साकेट",)),
]

# Second parts of given names, as registers write them ("Ram Prasad", "Kamla Bai").
MALE_MIDDLE: list[tuple[str, str]] = [("Prasad", "प्रसाद"), ("Lal", "लाल"), ("Kumar", "कुमार")]
FEMALE_MIDDLE: list[tuple[str, str]] = [("Bai", "बाई"), ("Devi", "देवी"), ("Kumari", "कुमारी")]

PLACE_START: list[tuple[str, str]] = [
    ("Ram", "राम"),
    ("Shiv", "शिव"),
    ("Sita", "सीता"),
    ("Lakshman", "लक्ष्मण"),
    ("Gopal", "गोपाल"),
    ("Kishan", "किशन"),
    ("Chand", "चंद"),
    ("Sultan", "सुल्तान"),
    ("Narayan", "नारायण"),
    ("Bhim", "भीम"),
    ("Dev", "देव"),
    ("Hari", "हरि"),
    ("Nar", "नर"),
    ("Sona", "सोना"),
    ("Amar", "अमर"),
    ("Bela", "बेला"),
    ("Kesar", "केसर"),
    ("Mohan", "मोहन"),
    ("Pipal", "पीपल"),
    ("Bargad", "बरगद"),
    ("Imli", "इमली"),
    ("Kher", "खैर"),
    ("Bhairav", "भैरव"),
    ("Durga", "दुर्गा"),
    ("Madhav", "माधव"),
]
PLACE_END: list[tuple[str, str]] = [
    ("pur", "पुर"),
    ("garh", "गढ़"),
    ("nagar", "नगर"),
    ("khedi", "खेड़ी"),
    ("gaon", "गांव"),
    ("pura", "पुरा"),
    ("ganj", "गंज"),
    ("wada", "वाड़ा"),
    ("kheda", "खेड़ा"),
    ("tola", "टोला"),
    ("abad", "आबाद"),
    ("tal", "ताल"),
]
DIVISIONS: list[tuple[str, str]] = [
    ("Bhopal", "भोपाल"),
    ("Indore", "इंदौर"),
    ("Jabalpur", "जबलपुर"),
    ("Gwalior", "ग्वालियर"),
    ("Ujjain", "उज्जैन"),
    ("Sagar", "सागर"),
    ("Rewa", "रीवा"),
    ("Shahdol", "शहडोल"),
    ("Chambal", "चंबल"),
    ("Narmadapuram", "नर्मदापुरम"),
]

# The long tail of a real register: given names composed the way Hindi names are, from attested
# parts ("Ram" + "prakash", "Sur" + "endra", "Prem" + "lata"), and the surnames of the state.
# Each part is "Latin:Devanagari"; a suffix's Devanagari starts with the vowel sign it puts on
# the stem's last consonant (सुर + ेंद्र = सुरेंद्र). scale.synth_vocab puts them together.


def _parts(text: str) -> list[tuple[str, str]]:
    return [(latin, hindi) for latin, hindi in (p.split(":") for p in text.split())]


MALE_FIRST_PARTS = _parts(
    "Ram:राम Shiv:शिव Hari:हरि Dev:देव Om:ओम Jai:जय Prem:प्रेम Raj:राज Surya:सूर्य "
    "Chandra:चंद्र Gyan:ज्ञान Dharm:धर्म Satya:सत्य Ved:वेद Brij:बृज Krishna:कृष्ण Kamal:कमल "
    "Man:मन Ganga:गंगा Ghan:घन Hira:हीरा Moti:मोती Bal:बल Nand:नंद Ratan:रतन Sukh:सुख "
    "Gopi:गोपी Uday:उदय Vishnu:विष्णु Sita:सीता Radhe:राधे Jagat:जगत Param:परम Daya:दया "
    "Bhagwat:भगवत Lakhan:लखन Mahavir:महावीर Durga:दुर्गा Jamuna:जमुना Raghu:रघु"
)
MALE_SECOND_PARTS = _parts(
    "prakash:प्रकाश narayan:नारायण kishan:किशन charan:चरण das:दास lal:लाल pal:पाल "
    "dayal:दयाल gopal:गोपाल kumar:कुमार nath:नाथ swaroop:स्वरूप sevak:सेवक shankar:शंकर "
    "bihari:बिहारी avtar:अवतार sahay:सहाय veer:वीर pratap:प्रताप raj:राज dutt:दत्त chand:चंद "
    "ratan:रतन mohan:मोहन kant:कांत bhushan:भूषण deen:दीन khilawan:खिलावन prasad:प्रसाद "
    "shyam:श्याम ram:राम sundar:सुंदर murari:मुरारी"
)
FEMALE_FIRST_PARTS = _parts(
    "Ram:राम Shiv:शिव Prem:प्रेम Raj:राज Kamal:कमल Hem:हेम Sneh:स्नेह Swarn:स्वर्ण "
    "Kanak:कनक Pushp:पुष्प Chandra:चंद्र Gyan:ज्ञान Shanti:शांति Kala:कला Sona:सोना "
    "Ganga:गंगा Ratan:रतन Heera:हीरा Moti:मोती Phool:फूल Gulab:गुलाब Basant:बसंत "
    "Kesar:केसर Champa:चंपा Indra:इंद्र Dhan:धन Roop:रूप Suraj:सूरज Kashi:काशी Siya:सिया "
    "Jay:जय Sundar:सुंदर Chandan:चंदन Sukh:सुख Hans:हंस Prabha:प्रभा Dhapu:धापू"
)
FEMALE_SECOND_PARTS = _parts(
    "vati:वती bai:बाई lata:लता rani:रानी devi:देवी kumari:कुमारी prabha:प्रभा kali:कली "
    "mala:माला shree:श्री bala:बाला kanti:कांति leela:लीला mani:मणि pyari:प्यारी "
    "dulari:दुलारी bati:बती"
)
# Stems by the suffix they take: Ram-esh, Sur-endra, Sun-ita, Rad-hika.
MALE_SUFFIXED = {
    ("esh", "ेश"): _parts(
        "Ram:रम Sur:सुर Mah:मह Raj:राज Muk:मुक Din:दिन Rak:राक Kaml:कमल Brij:बृज Yog:योग "
        "Um:उम Gan:गण Nar:नर Par:पर Hit:हित Rit:रित Nit:नित Lok:लोक Shail:शैल Rup:रूप "
        "Bhup:भूप Dharm:धर्म Mithl:मिथल Akhil:अखिल Awadh:अवध Bhav:भव Dev:देव Jit:जित "
        "Viml:विमल Rajn:रजन Som:सोम Durg:दुर्ग Sarv:सर्व Nil:नील Ank:अंक Mang:मंग Braj:ब्रज "
        "Kam:कम Jign:जिग्न Dhan:धन Gyan:ज्ञान Mithil:मिथिल"
    ),
    ("endra", "ेंद्र"): _parts(
        "Nar:नर Sur:सुर Mah:मह Dev:देव Raj:राज Jit:जित Dharm:धर्म Yog:योग Gyan:ज्ञान "
        "Brij:बृज Shail:शैल Pushp:पुष्प Raghav:राघव Dhir:धीर Vir:वीर Saty:सत्य Up:उप Har:हर "
        "Jog:जोग Gaj:गज Nag:नाग Bhup:भूप Hem:हेम Sat:सत Braj:ब्रज Man:मन "
        "Khag:खग Ram:राम Shiv:शिव"
    ),
}
FEMALE_SUFFIXED = {
    ("ita", "िता"): _parts(
        "Sun:सुन An:अन Kav:कव Sar:सर Lal:लल Bab:बब Nam:नम Sang:संग Am:अम Vin:विन Sav:सव "
        "Ank:अंक Pun:पुन Arp:अर्प Harsh:हर्ष Nand:नंद Asm:अस्म Sushm:सुष्म Sm:स्म "
        "Mam:मम Bin:बिन"
    ),
    ("ika", "िका"): _parts(
        "Radh:राध Deep:दीप Mon:मोन Kan:कन Amb:अंब Kal:काल Mall:मल्ल Geet:गीत Anam:अनाम "
        "Kart:कार्त Nand:नंद Bhum:भूम Jyot:ज्योत"
    ),
    ("a", "ा"): _parts(
        "Rekh:रेख Sudh:सुध Shobh:शोभ Vidy:विद्य Prabh:प्रभ Sushm:सुषम Lat:लत "
        "Karun:करुण Mamat:ममत Jamun:जमुन Shard:शारद Ambik:अंबिक "
        "Kamal:कमल Urmil:उर्मिल Nirmal:निर्मल Vimal:विमल Shakuntal:शकुंतल Ahily:अहिल्य"
    ),
}
# The surnames of the state, from the commonest; the curated SURNAMES above come first.
MORE_SURNAMES = _parts(
    "Shrivastava:श्रीवास्तव Saxena:सक्सेना Nigam:निगम Khare:खरे Gupta:गुप्ता "
    "Agrawal:अग्रवाल Goyal:गोयल Bansal:बंसल Mittal:मित्तल Garg:गर्ग Jaiswal:जायसवाल Rai:राय "
    "Chaurasia:चौरसिया Kurmi:कुर्मी Patidar:पाटीदार Dangi:दांगी Sisodiya:सिसोदिया "
    "Parmar:परमार Solanki:सोलंकी Tomar:तोमर Bhadoriya:भदौरिया Kushwah:कुशवाह Baghel:बघेल "
    "Sengar:सेंगर Chandel:चंदेल Bundela:बुंदेला Parihar:परिहार Gautam:गौतम Dwivedi:द्विवेदी "
    "Trivedi:त्रिवेदी Chaturvedi:चतुर्वेदी Shukla:शुक्ला Tripathi:त्रिपाठी Dixit:दीक्षित "
    "Bajpai:बाजपेई Awasthi:अवस्थी Joshi:जोशी Upadhyay:उपाध्याय Pathak:पाठक Chaubey:चौबे "
    "Vyas:व्यास Bhargava:भार्गव Nayak:नायक Rawat:रावत Kirar:किरार Dhanuk:धानुक Basor:बसोर "
    "Balmiki:बाल्मीकि Mehra:मेहरा Mahor:माहौर Bairagi:बैरागी Goswami:गोस्वामी Giri:गिरि "
    "Puri:पुरी Bharti:भारती Katare:कटारे Kaurav:कौरव Bamniya:बामनिया Bhuria:भूरिया "
    "Damor:डामोर Ninama:निनामा Mujalda:मुजाल्दा Kanesh:कनेश Kirade:किराडे Alawa:अलावा "
    "Dawar:डावर Barela:बरेला Sastiya:सस्तिया Kumre:कुमरे Markam:मरकाम Netam:नेताम "
    "Tekam:टेकाम Parte:परते Marskole:मरसकोले Armo:आर्मो Kawre:कवरे Sallam:सल्लाम "
    "Pandram:पंद्राम Warkade:वरकड़े Kodape:कोड़ापे Masram:मसराम Bhalavi:भलावी Shyam:श्याम "
    "Paraste:परस्ते Porte:पोर्ते Lilhare:लिल्हारे Nagpure:नागपुरे Bisen:बिसेन Pardhi:पारधी "
    "Patle:पटले Rahangdale:रहांगडाले Chaudhary:चौधरी Kushram:कुशराम Kaithwas:कैथवास "
    "Nema:नेमा Mahajan:महाजन Modi:मोदी Tamrakar:ताम्रकार Kasera:कसेरा Sonkar:सोनकर Sen:सेन "
    "Savita:सविता Shriwas:श्रीवास Lohar:लोहार Suryavanshi:सूर्यवंशी Raghuvanshi:रघुवंशी "
    "Jadon:जादौन Sikarwar:सिकरवार Bhadauria:भदौरिया Mali:माली Saini:सैनी Marathe:मराठे "
    "Pawar:पवार Jadhav:जाधव Deshmukh:देशमुख Kale:काले Holkar:होलकर Sheikh:शेख "
    "Ansari:अंसारी Mansuri:मंसूरी Pathan:पठान Siddiqui:सिद्दीकी Mirza:मिर्ज़ा Syed:सैयद "
    "Hussain:हुसैन Mewada:मेवाड़ा Rajak:रजक Dhobi:धोबी Nai:नाई Kachhi:काछी Kumhar:कुम्हार "
    "Teli:तेली Barman:बर्मन Dhimar:ढीमर Mallah:मल्लाह Bind:बिंद Kol:कोल Korku:कोरकू "
    "Sahariya:सहरिया Bharia:भारिया Panika:पनिका Agariya:अगरिया Pradhan:प्रधान Kanwar:कंवर "
    "Oraon:उरांव Manjhi:मांझी Kharwar:खरवार Bhilala:भिलाला  Patliya:पटलिया "
    "Rathwa:राठवा Dodiyar:डोडियार Katara:कटारा Garasia:गरासिया Mandloi:मंडलोई "
    "Chouksey:चौकसे Kanungo:कानूनगो  Lodha:लोढ़ा Bohra:बोहरा Kothari:कोठारी "
    "Jhariya:झारिया Batham:बाथम Dohare:दोहरे Shakya:शाक्य Maurya:मौर्य Kamariya:कमरिया "
    "Dehariya:देहरिया Ahirwal:अहिरवाल Nagar:नागर Keer:कीर Meghwal:मेघवाल Bairwa:बैरवा "
    "Rajoriya:राजोरिया Sagar:सागर Chourasiya:चौरसिया Tandon:टंडन Bhatt:भट्ट Pal:पाल "
    "Baghmare:बाघमारे  Thakre:ठाकरे Sonwane:सोनवाने Bhonsle:भोंसले Nagvanshi:नागवंशी"
)
