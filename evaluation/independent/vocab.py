"""The independent set's own vocabulary: names and places of Madhya Pradesh in Latin letters and
in Devanagari, written for this set alone (nothing here is taken from the portal or from
scale/synth*). Every list is in rough order of frequency, most common first: a register's
given names are few and very unequal (a handful of names cover a large share of people).

Each entry is ``Latin|Devanagari`` (surnames add ``|category|group``)."""

from typing import NamedTuple


class Entry(NamedTuple):
    lat: str
    dev: str


class Clan(NamedTuple):
    """A surname (or caste name used as one), its usual caste category and its community."""

    lat: str
    dev: str
    category: str  # GEN, OBC, SC, ST
    group: str  # hindu, rajput, gond, bhil, muslim


def _entries(text: str) -> tuple[Entry, ...]:
    out = []
    for line in text.strip().splitlines():
        lat, dev = (part.strip() for part in line.split("|"))
        out.append(Entry(lat, dev))
    return tuple(out)


def _clans(text: str) -> tuple[Clan, ...]:
    out = []
    for line in text.strip().splitlines():
        lat, dev, category, group = (part.strip() for part in line.split("|"))
        out.append(Clan(lat, dev, category, group))
    return tuple(out)


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Men's given names common to Hindu families of every caste (and used by tribal families too).
MEN_HINDU = _entries("""
Ramesh|रमेश
Rajesh|राजेश
Santosh|संतोष
Suresh|सुरेश
Mukesh|मुकेश
Ram Prasad|राम प्रसाद
Dinesh|दिनेश
Rajkumar|राजकुमार
Mahesh|महेश
Manoj|मनोज
Rakesh|राकेश
Sunil|सुनील
Anil|अनिल
Kamlesh|कमलेश
Pradeep|प्रदीप
Sanjay|संजय
Rajendra|राजेन्द्र
Ashok|अशोक
Vinod|विनोद
Jagdish|जगदीश
Prakash|प्रकाश
Raju|राजू
Narendra|नरेन्द्र
Ram Kumar|राम कुमार
Deepak|दीपक
Mahendra|महेन्द्र
Kailash|कैलाश
Ravi|रवि
Gopal|गोपाल
Sandeep|संदीप
Om Prakash|ओम प्रकाश
Surendra|सुरेन्द्र
Vijay|विजय
Devendra|देवेन्द्र
Dharmendra|धर्मेन्द्र
Shyam Lal|श्याम लाल
Govind|गोविंद
Laxman|लक्ष्मण
Kishan|किशन
Ajay|अजय
Jitendra|जितेन्द्र
Rahul|राहुल
Vikas|विकास
Mohan|मोहन
Ramdas|रामदास
Hariram|हरिराम
Sitaram|सीताराम
Gangaram|गंगाराम
Radheshyam|राधेश्याम
Shiv Kumar|शिव कुमार
Pappu|पप्पू
Yogendra|योगेन्द्र
Virendra|वीरेन्द्र
Ramcharan|रामचरण
Shivcharan|शिवचरण
Ghanshyam|घनश्याम
Lakhan|लखन
Hari Shankar|हरि शंकर
Ram Narayan|राम नारायण
Shiv Narayan|शिव नारायण
Ram Gopal|राम गोपाल
Anand Kumar|आनंद कुमार
Mohan Lal|मोहन लाल
Chhote Lal|छोटे लाल
Ram Sewak|राम सेवक
Ram Avtar|राम अवतार
Ram Babu|राम बाबू
Ram Lakhan|राम लखन
Prem Narayan|प्रेम नारायण
Ramesh Chandra|रमेश चंद्र
Ravi Shankar|रवि शंकर
Bhagwan Das|भगवान दास
Sohan|सोहन
Amit|अमित
Sumit|सुमित
Ankit|अंकित
Rohit|रोहित
Sachin|सचिन
Akash|आकाश
Arun|अरुण
Varun|वरुण
Ravindra|रविन्द्र
Hemant|हेमंत
Gajendra|गजेन्द्र
Shailendra|शैलेन्द्र
Pushpendra|पुष्पेन्द्र
Bhupendra|भूपेन्द्र
Raghvendra|राघवेन्द्र
Upendra|उपेन्द्र
Lokendra|लोकेन्द्र
Ramkishan|रामकिशन
Ramswaroop|रामस्वरूप
Parmanand|परमानंद
Bhaiyalal|भैयालाल
Munnalal|मुन्नालाल
Bhagirath|भगीरथ
Balram|बलराम
Baldev|बलदेव
Brijesh|बृजेश
Brijmohan|बृजमोहन
Dayaram|दयाराम
Dhanraj|धनराज
Harish|हरीश
Hariom|हरिओम
Indal|इंदल
Jaipal|जयपाल
Jaswant|जसवंत
Kalyan|कल्याण
Kamal|कमल
Kanhaiya|कन्हैया
Kashiram|काशीराम
Keshav|केशव
Krishna|कृष्णा
Lalit|ललित
Madan|मदन
Manish|मनीष
Manohar|मनोहर
Mukund|मुकुंद
Nandkishore|नंदकिशोर
Nandlal|नंदलाल
Narayan|नारायण
Naresh|नरेश
Naveen|नवीन
Nitin|नितिन
Pawan|पवन
Puran|पूरन
Raghuveer|रघुवीर
Rajaram|राजाराम
Ramdayal|रामदयाल
Ramkhilawan|रामखिलावन
Ranjeet|रणजीत
Rupesh|रूपेश
Satish|सतीश
Shankar|शंकर
Shiv|शिव
Shivam|शिवम
Shivraj|शिवराज
Shubham|शुभम
Subhash|सुभाष
Sudhir|सुधीर
Sukhdev|सुखदेव
Sunder|सुंदर
Tulsiram|तुलसीराम
Uttam|उत्तम
Vishnu|विष्णु
Vivek|विवेक
Yashwant|यशवंत
Arvind|अरविंद
Abhishek|अभिषेक
Aditya|आदित्य
Aman|अमन
Anurag|अनुराग
Ashish|आशीष
Bablu|बबलू
Bheem|भीम
Bharat|भरत
Chandan|चंदन
Chetan|चेतन
Dilip|दिलीप
Durga Prasad|दुर्गा प्रसाद
Ganesh|गणेश
Girish|गिरीश
Gulab|गुलाब
Hanuman|हनुमान
Himanshu|हिमांशु
Jagannath|जगन्नाथ
Jeevan|जीवन
Kripal|कृपाल
Lalaram|लालाराम
Mithun|मिथुन
Murari|मुरारी
Neeraj|नीरज
Niranjan|निरंजन
Parasram|परसराम
Prahlad|प्रहलाद
Pritam|प्रीतम
Radhe|राधे
Raghunath|रघुनाथ
Rajiv|राजीव
Ramu|रामू
Ritesh|रितेश
Roshan|रोशन
Sagar|सागर
Shatrughan|शत्रुघ्न
Shrikant|श्रीकांत
Siyaram|सियाराम
Sonu|सोनू
Golu|गोलू
Tarun|तरुण
Tejram|तेजराम
Tikaram|टीकाराम
Umesh|उमेश
Vikram|विक्रम
Vipin|विपिन
Vinay|विनय
Yogesh|योगेश
Arjun|अर्जुन
Karan|करन
Nikhil|निखिल
Ajeet|अजीत
Shyam|श्याम
Ram|राम
Luv|लव
Kush|कुश
""")

# Names heard more in Gond, Baiga and Bhil villages (tribal families also use MEN_HINDU).
MEN_TRIBAL = _entries("""
Mangal|मंगल
Budhram|बुधराम
Sukhram|सुखराम
Ramsingh|रामसिंह
Sukhlal|सुखलाल
Babulal|बाबूलाल
Ramlal|रामलाल
Kalu|कालू
Dhannu|धन्नू
Phulsingh|फूलसिंह
Jhamman|झम्मन
Phagu|फागू
Mansingh|मानसिंह
Dhanna|धन्ना
Mangaliya|मंगलिया
Thawariya|थावरिया
Kesu|केसू
Dhaniram|धनीराम
Somla|सोमला
Bhima|भीमा
Gumansingh|गुमानसिंह
Kanji|कानजी
Nanu|नानू
Shivlal|शिवलाल
Budhu|बुधू
Itwari|इतवारी
Somaru|सोमारू
Jaisingh|जयसिंह
Dhansingh|धनसिंह
Sumer|सुमेर
Bhagat|भगत
Tularam|तुलाराम
Pyarelal|प्यारेलाल
Chaitram|चैतराम
Baisakhu|बैसाखू
Kamal Singh|कमल सिंह
Chhagan|छगन
Maniram|मनीराम
Gendalal|गेंदालाल
Bhuvan Singh|भुवन सिंह
""")

MEN_MUSLIM = _entries("""
Mohammad Salim|मोहम्मद सलीम
Salim|सलीम
Rafiq|रफीक
Shakeel|शकील
Abdul Rashid|अब्दुल रशीद
Imran|इमरान
Javed|जावेद
Mohammad Ismail|मोहम्मद इस्माइल
Aslam|असलम
Anwar|अनवर
Irfan|इरफान
Abdul Karim|अब्दुल करीम
Mohammad Yusuf|मोहम्मद यूसुफ
Jameel|जमील
Akram|अकरम
Rashid|राशिद
Nasir|नासिर
Sabir|साबिर
Sajid|साजिद
Wasim|वसीम
Shahid|शाहिद
Mohammad Rafi|मोहम्मद रफी
Mohammad Arif|मोहम्मद आरिफ
Abdul Gaffar|अब्दुल गफ्फार
Faizan|फ़ैज़ान
Aamir|आमिर
Sohail|सोहेल
Ayub|अयूब
Iqbal|इक़बाल
Mushtaq|मुश्ताक़
Naseem|नसीम
Rizwan|रिज़वान
Zakir|ज़ाकिर
Hasan|हसन
Husain|हुसैन
Ahmed|अहमद
Farooq|फ़ारूक़
Shoaib|शोएब
Arshad|अरशद
Nadeem|नदीम
""")

WOMEN_HINDU = _entries("""
Sunita|सुनीता
Kamla|कमला
Geeta|गीता
Laxmi|लक्ष्मी
Rekha|रेखा
Sita|सीता
Pooja|पूजा
Anita|अनीता
Savitri|सावित्री
Shanti|शांति
Saroj|सरोज
Usha|उषा
Meena|मीना
Radha|राधा
Mamta|ममता
Sarita|सरिता
Kiran|किरण
Seema|सीमा
Sangeeta|संगीता
Manju|मंजू
Ramkali|रामकली
Anju|अंजू
Rani|रानी
Ramwati|रामवती
Phoolwati|फूलवती
Kalawati|कलावती
Pushpa|पुष्पा
Vimla|विमला
Shakuntala|शकुंतला
Nirmala|निर्मला
Sushila|सुशीला
Urmila|उर्मिला
Pramila|प्रमिला
Kusum|कुसुम
Guddi|गुड्डी
Priyanka|प्रियंका
Jyoti|ज्योति
Priya|प्रिया
Neha|नेहा
Sapna|सपना
Rinki|रिंकी
Pinki|पिंकी
Ritu|रितु
Preeti|प्रीति
Poonam|पूनम
Kavita|कविता
Lalita|ललिता
Rukmini|रुक्मिणी
Parvati|पार्वती
Durga|दुर्गा
Ganga|गंगा
Jamuna|जमुना
Tulsi|तुलसी
Basanti|बसंती
Champa|चंपा
Chameli|चमेली
Bhagwati|भगवती
Saraswati|सरस्वती
Sumitra|सुमित्रा
Kaushalya|कौशल्या
Vandana|वंदना
Archana|अर्चना
Ranjana|रंजना
Sadhna|साधना
Suman|सुमन
Sudha|सुधा
Asha|आशा
Nisha|निशा
Varsha|वर्षा
Shobha|शोभा
Prabha|प्रभा
Hemlata|हेमलता
Premlata|प्रेमलता
Kanchan|कंचन
Madhu|मधु
Mala|माला
Shivani|शिवानी
Komal|कोमल
Khushboo|खुशबू
Sonam|सोनम
Rachna|रचना
Deepa|दीपा
Anjali|अंजलि
Aarti|आरती
Bharti|भारती
Chanda|चंदा
Chandrakala|चंद्रकला
Dropadi|द्रोपदी
Gayatri|गायत्री
Gomti|गोमती
Heera|हीरा
Janki|जानकी
Kesar|केसर
Kamini|कामिनी
Leela|लीला
Mithlesh|मिथलेश
Mohini|मोहिनी
Munni|मुन्नी
Narmada|नर्मदा
Omwati|ओमवती
Rajkumari|राजकुमारी
Rampyari|रामप्यारी
Ramsakhi|रामसखी
Roshni|रोशनी
Sarla|सरला
Shyama|श्यामा
Siya|सिया
Sonali|सोनाली
Tara|तारा
Uma|उमा
Vidya|विद्या
Yashoda|यशोदा
Pratibha|प्रतिभा
Manisha|मनीषा
Rashmi|रश्मि
Rajni|रजनी
Beena|बीना
Reena|रीना
Shashi|शशि
Santoshi|संतोषी
Indu|इंदु
""")

WOMEN_TRIBAL = _entries("""
Sukhiya|सुखिया
Budhiya|बुधिया
Dhaniya|धनिया
Phoolmati|फूलमती
Sukwari|सुकवारी
Mangli|मंगली
Somwati|सोमवती
Kali|काली
Lachhmi|लछमी
Bhuri|भूरी
Kamli|कमली
Dhanni|धन्नी
Sumli|सुमली
Genda|गेंदा
Phulo|फूलो
Sunderi|सुंदरी
Meera|मीरा
Dhapu|धापू
Lali|लाली
Chhoti|छोटी
Pyari|प्यारी
Gulabi|गुलाबी
Sukhwanti|सुखवंती
Ramotin|रमोतिन
Itwariya|इतवारिया
""")

WOMEN_MUSLIM = _entries("""
Shabana|शबाना
Rehana|रेहाना
Nasreen|नसरीन
Salma|सलमा
Shahnaz|शहनाज़
Parveen|परवीन
Farzana|फ़रज़ाना
Rubina|रुबीना
Shabnam|शबनम
Naseema|नसीमा
Sultana|सुल्ताना
Zarina|ज़रीना
Hasina|हसीना
Fatima|फ़ातिमा
Hamida|हमीदा
Sakina|सकीना
Mumtaz|मुमताज़
Noorjahan|नूरजहाँ
Shakila|शकीला
Jamila|जमीला
Anjum|अंजुम
Afsana|अफ़साना
Ruksana|रुख़साना
Sabina|सबीना
Yasmin|यासमीन
Ayesha|आयशा
Bilkis|बिलकिस
Heena|हिना
Tabassum|तबस्सुम
Najma|नजमा
""")

# Surnames and caste names written as surnames; most common first within each group.
CLANS = _clans("""
Patel|पटेल|OBC|hindu
Yadav|यादव|OBC|hindu
Ahirwar|अहिरवार|SC|hindu
Lodhi|लोधी|OBC|hindu
Sahu|साहू|OBC|hindu
Kushwaha|कुशवाहा|OBC|hindu
Sharma|शर्मा|GEN|hindu
Tiwari|तिवारी|GEN|hindu
Prajapati|प्रजापति|OBC|hindu
Vishwakarma|विश्वकर्मा|OBC|hindu
Rajak|रजक|OBC|hindu
Kurmi|कुर्मी|OBC|hindu
Mishra|मिश्रा|GEN|hindu
Dubey|दुबे|GEN|hindu
Jatav|जाटव|SC|hindu
Kori|कोरी|SC|hindu
Pandey|पांडे|GEN|hindu
Shukla|शुक्ला|GEN|hindu
Kewat|केवट|OBC|hindu
Dhimar|ढीमर|OBC|hindu
Raikwar|रैकवार|OBC|hindu
Namdev|नामदेव|OBC|hindu
Sen|सेन|OBC|hindu
Soni|सोनी|OBC|hindu
Pal|पाल|OBC|hindu
Baghel|बघेल|OBC|hindu
Chourasia|चौरसिया|OBC|hindu
Tamrakar|ताम्रकार|OBC|hindu
Gupta|गुप्ता|GEN|hindu
Jain|जैन|GEN|hindu
Agrawal|अग्रवाल|GEN|hindu
Khandelwal|खंडेलवाल|GEN|hindu
Tripathi|त्रिपाठी|GEN|hindu
Dwivedi|द्विवेदी|GEN|hindu
Chaturvedi|चतुर्वेदी|GEN|hindu
Upadhyay|उपाध्याय|GEN|hindu
Pathak|पाठक|GEN|hindu
Awasthi|अवस्थी|GEN|hindu
Bajpai|बाजपेयी|GEN|hindu
Joshi|जोशी|GEN|hindu
Vyas|व्यास|GEN|hindu
Goswami|गोस्वामी|GEN|hindu
Srivastava|श्रीवास्तव|GEN|hindu
Saxena|सक्सेना|GEN|hindu
Khare|खरे|GEN|hindu
Nigam|निगम|GEN|hindu
Verma|वर्मा|OBC|hindu
Choudhary|चौधरी|OBC|hindu
Rai|राय|OBC|hindu
Mali|माली|OBC|hindu
Saini|सैनी|OBC|hindu
Dangi|दांगी|OBC|hindu
Gurjar|गुर्जर|OBC|hindu
Dhakad|धाकड़|OBC|hindu
Kirar|किरार|OBC|hindu
Kachhi|काछी|OBC|hindu
Rathore|राठौर|GEN|rajput
Chauhan|चौहान|GEN|rajput
Tomar|तोमर|GEN|rajput
Parmar|परमार|GEN|rajput
Bundela|बुंदेला|GEN|rajput
Bhadoria|भदौरिया|GEN|rajput
Sikarwar|सिकरवार|GEN|rajput
Raghuvanshi|रघुवंशी|GEN|rajput
Thakur|ठाकुर|GEN|rajput
Sisodiya|सिसोदिया|GEN|rajput
Jadon|जादौन|GEN|rajput
Rajput|राजपूत|GEN|rajput
Malviya|मालवीय|SC|hindu
Mehra|मेहरा|SC|hindu
Balmiki|बाल्मीकि|SC|hindu
Basor|बसोर|SC|hindu
Chadar|चढ़ार|SC|hindu
Katiya|कतिया|SC|hindu
Banshkar|बंसकार|SC|hindu
Dohre|दोहरे|SC|hindu
Suryavanshi|सूर्यवंशी|SC|hindu
Khatik|खटीक|SC|hindu
Mahor|माहौर|SC|hindu
Nayak|नायक|SC|hindu
Uikey|उइके|ST|gond
Dhurve|धुर्वे|ST|gond
Markam|मरकाम|ST|gond
Maravi|मरावी|ST|gond
Netam|नेताम|ST|gond
Tekam|टेकाम|ST|gond
Parte|परते|ST|gond
Kumre|कुमरे|ST|gond
Sallam|सल्लाम|ST|gond
Kusram|कुसराम|ST|gond
Paraste|परस्ते|ST|gond
Porte|पोर्ते|ST|gond
Armo|आर्मो|ST|gond
Warkade|वरकड़े|ST|gond
Shyam|श्याम|ST|gond
Baiga|बैगा|ST|gond
Kol|कोल|ST|gond
Bhuria|भूरिया|ST|bhil
Damor|डामोर|ST|bhil
Katara|कटारा|ST|bhil
Ninama|निनामा|ST|bhil
Dawar|डावर|ST|bhil
Muvel|मुवेल|ST|bhil
Bhabar|भाबर|ST|bhil
Baria|बारिया|ST|bhil
Meda|मेड़ा|ST|bhil
Mavi|मावी|ST|bhil
Hatila|हटीला|ST|bhil
Jamra|जमरा|ST|bhil
Vasunia|वसुनिया|ST|bhil
Kharadi|खराड़ी|ST|bhil
Maida|मैड़ा|ST|bhil
Alawa|अलावा|ST|bhil
Barela|बरेला|ST|bhil
Awasya|अवास्या|ST|bhil
Solanki|सोलंकी|ST|bhil
Khan|ख़ान|GEN|muslim
Qureshi|क़ुरैशी|OBC|muslim
Ansari|अंसारी|OBC|muslim
Sheikh|शेख़|GEN|muslim
Mansuri|मंसूरी|OBC|muslim
Pathan|पठान|GEN|muslim
Mirza|मिर्ज़ा|GEN|muslim
Siddiqui|सिद्दीक़ी|GEN|muslim
Hussain|हुसैन|GEN|muslim
Ali|अली|GEN|muslim
Shah|शाह|OBC|muslim
Beg|बेग|GEN|muslim
Syed|सैयद|GEN|muslim
""")

# Middle words written between a man's given name and his surname.
KUMAR = Entry("Kumar", "कुमार")
KUMARI = Entry("Kumari", "कुमारी")
SINGH = Entry("Singh", "सिंह")

# Words after a woman's given name: Hindu and tribal ones, Muslim ones, and Muslim name
# endings that belong to the name (never dropped by the variations).
WOMAN_SUFFIXES = _entries("""
Bai|बाई
Devi|देवी
Ben|बेन
""")
MUSLIM_WOMAN_SUFFIXES = _entries("""
Bi|बी
Bee|बी
""")
MUSLIM_WOMAN_ENDINGS = _entries("""
Bano|बानो
Begum|बेगम
Khatoon|ख़ातून
""")

# Honorifics clerks type into the name field.
HONORIFIC_MAN = _entries("""
Shri|श्री
Shri.|श्री
Sh.|श्री
Mr.|श्री
Mr|श्रीमान
""")
HONORIFIC_WIFE = _entries("""
Smt.|श्रीमती
Smt|श्रीमती
Mrs.|श्रीमती
Shrimati|श्रीमती
""")
HONORIFIC_GIRL = _entries("""
Km.|कु.
Ku.|कु.
Sushri|सुश्री
Miss|सुश्री
""")
HONORIFIC_LATE = _entries("""
Late|स्व.
Lt.|स्व.
Late Shri|स्व. श्री
""")
HONORIFIC_MUSLIM_MAN = _entries("""
Md.|मो.
Mohd.|मो.
Janab|जनाब
""")

# Latin capitals as they are said, in Devanagari (initials such as "आर. के. शर्मा").
LETTER_NAMES = {
    "A": "ए",
    "B": "बी",
    "C": "सी",
    "D": "डी",
    "E": "ई",
    "F": "एफ",
    "G": "जी",
    "H": "एच",
    "I": "आई",
    "J": "जे",
    "K": "के",
    "L": "एल",
    "M": "एम",
    "N": "एन",
    "O": "ओ",
    "P": "पी",
    "Q": "क्यू",
    "R": "आर",
    "S": "एस",
    "T": "टी",
    "U": "यू",
    "V": "वी",
    "W": "डब्ल्यू",
    "Y": "वाई",
    "Z": "ज़ेड",
}

# Names of a generation: rarely given before 1975 (MODERN) or after 1995 (OLD).
MODERN = _names(
    """Rahul Rohit Sachin Amit Sumit Ankit Akash Aman Abhishek Aditya Anurag Ashish Himanshu
    Nikhil Shivam Shubham Vivek Ritesh Golu Sonu Neeraj Vipin Tarun Sagar Chetan Mithun Priyanka
    Neha Khushboo Sonam Shivani Komal Anjali Priya Pinki Rinki Sonali Roshni Ritu Preeti Pooja
    Jyoti Sapna Imran Faizan Aamir Sohail Rizwan Shoaib Nadeem Heena Tabassum Ayesha Yasmin
    Sabina Rubina Anjum"""
)
OLD = _names(
    """Ramcharan Shivcharan Hariram Gangaram Sitaram Ramdas Ramswaroop Parmanand Bhaiyalal
    Munnalal Bhagirath Dayaram Kashiram Ramdayal Ramkhilawan Tulsiram Lalaram Parasram Tikaram
    Tejram Budhram Sukhram Jhamman Phagu Dhannu Baisakhu Chaitram Somaru Itwari Budhu Tularam
    Pyarelal Gendalal Maniram Ramkali Ramwati Phoolwati Kalawati Shakuntala Savitri Kaushalya
    Dropadi Bhagwati Gomti Omwati Rampyari Ramsakhi Kesar Budhiya Sukhiya Dhaniya Phoolmati
    Sukwari Ramotin Dhapu Genda Phulo Noorjahan Bilkis Hamida"""
) | {"Chhote Lal", "Ram Sewak", "Ram Avtar", "Bhagwan Das", "Abdul Gaffar", "Abdul Karim"}

# Names parents give twins and siblings: rhyming or paired, and different names all the same.
TWIN_NAMES_MEN = (
    (Entry("Ram", "राम"), Entry("Shyam", "श्याम")),
    (Entry("Luv", "लव"), Entry("Kush", "कुश")),
    (Entry("Ramesh", "रमेश"), Entry("Rajesh", "राजेश")),
    (Entry("Sonu", "सोनू"), Entry("Monu", "मोनू")),
    (Entry("Chintu", "चिंटू"), Entry("Mintu", "मिंटू")),
    (Entry("Rinku", "रिंकू"), Entry("Pinku", "पिंकू")),
    (Entry("Hasan", "हसन"), Entry("Husain", "हुसैन")),
    (Entry("Mukesh", "मुकेश"), Entry("Rakesh", "राकेश")),
    (Entry("Dinesh", "दिनेश"), Entry("Suresh", "सुरेश")),
    (Entry("Balram", "बलराम"), Entry("Krishna", "कृष्णा")),
    (Entry("Sanjay", "संजय"), Entry("Ajay", "अजय")),
    (Entry("Raju", "राजू"), Entry("Ramu", "रामू")),
)
TWIN_NAMES_WOMEN = (
    (Entry("Sita", "सीता"), Entry("Geeta", "गीता")),
    (Entry("Ganga", "गंगा"), Entry("Jamuna", "जमुना")),
    (Entry("Pinki", "पिंकी"), Entry("Rinki", "रिंकी")),
    (Entry("Anita", "अनीता"), Entry("Sunita", "सुनीता")),
    (Entry("Radha", "राधा"), Entry("Rani", "रानी")),
    (Entry("Nisha", "निशा"), Entry("Asha", "आशा")),
    (Entry("Rekha", "रेखा"), Entry("Lekha", "लेखा")),
    (Entry("Preeti", "प्रीति"), Entry("Jyoti", "ज्योति")),
    (Entry("Shabana", "शबाना"), Entry("Rehana", "रेहाना")),
)
TWIN_NAMES_MIXED = (
    (Entry("Ram", "राम"), Entry("Sita", "सीता")),
    (Entry("Sonu", "सोनू"), Entry("Sonam", "सोनम")),
    (Entry("Krishna", "कृष्णा"), Entry("Radha", "राधा")),
    (Entry("Shiv", "शिव"), Entry("Parvati", "पार्वती")),
    (Entry("Rinku", "रिंकू"), Entry("Rinki", "रिंकी")),
)
# Given names that sound alike (brothers, sisters and cousins are often named in rhyme).
RHYMES = (
    ("Ramesh", "Rajesh", "Suresh", "Mahesh", "Dinesh", "Naresh", "Umesh", "Rakesh", "Mukesh"),
    ("Sunil", "Anil"),
    ("Sanjay", "Ajay", "Vijay"),
    ("Sumit", "Amit", "Ankit", "Rohit"),
    ("Narendra", "Surendra", "Mahendra", "Rajendra", "Devendra", "Virendra", "Jitendra"),
    ("Ramlal", "Shivlal", "Sukhlal", "Babulal"),
    ("Sunita", "Anita", "Sarita", "Kavita", "Lalita"),
    ("Pinki", "Rinki"),
    ("Pooja", "Priya", "Priyanka"),
    ("Seema", "Reena", "Meena", "Beena"),
    ("Salim", "Aslam", "Akram"),
    ("Shabana", "Rehana", "Shahnaz"),
    ("Manju", "Anju"),
    ("Usha", "Asha", "Nisha", "Varsha"),
)

# Villages: a stem and often a second word (Kalan and Khurd: the larger and the smaller half).
VILLAGE_STEMS = _entries("""
Barkheda|बरखेड़ा
Pipariya|पिपरिया
Semariya|सेमरिया
Imaliya|इमलिया
Khajuriya|खजुरिया
Karondi|करोंदी
Amlai|अमलाई
Bamhori|बम्होरी
Sihora|सिहोरा
Bamora|बमोरा
Ghughri|घुघरी
Deori|देवरी
Kachnar|कचनार
Mohgaon|मोहगांव
Bijori|बिजोरी
Ratanpur|रतनपुर
Rampur|रामपुर
Sitapur|सीतापुर
Khamaria|खमरिया
Jamuniya|जमुनिया
Mahuakheda|महुआखेड़ा
Mahuli|महुली
Kukra|कुकरा
Chandanpur|चंदनपुर
Belkheda|बेलखेड़ा
Nayagaon|नयागांव
Jamgaon|जामगांव
Sonpur|सोनपुर
Harrai|हर्रई
Padariya|पड़रिया
Magardha|मगरधा
Karanpur|करनपुर
Salaiya|सलैया
Tilwara|तिलवारा
Dongariya|डोंगरिया
Pondi|पोंडी
Chaura|चौरा
Bichhiya|बिछिया
Kanhari|कन्हारी
Gwari|ग्वारी
Neemkheda|नीमखेड़ा
Babai|बाबई
Palasi|पलासी
Kherwa|खेरवा
Kusmi|कुसमी
Banskheda|बांसखेड़ा
Ghatiya|घटिया
Kalyanpur|कल्याणपुर
Ranipur|रानीपुर
Bhagwanpura|भगवानपुरा
Gopalpura|गोपालपुरा
Ramnagar|रामनगर
Dhanora|धनोरा
Kolua|कोलुआ
Barha|बरहा
Chhapara|छपरा
Bharveli|भरवेली
Mandai|मंडई
Tikaria|टिकरिया
Dhamni|धमनी
Ghoghra|घोघरा
Bardi|बरदी
Kudari|कुदरी
Lalpur|लालपुर
Hirapur|हीरापुर
Jhiriya|झिरिया
Sarai|सराय
Bhopatpur|भोपतपुर
Parsoriya|परसोरिया
Majhgawan|मझगवां
Khairi|खैरी
Kalyanpura|कल्याणपुरा
Para|पारा
Kakanwani|काकनवानी
Rotla|रोटला
Bhagor|भगोर
Kundanpur|कुंदनपुर
Raipuria|रायपुरिया
Jhakanawada|झकनावदा
Bamniya|बामनिया
Sarangi|सारंगी
Karwad|करवड़
Kalidevi|कालीदेवी
Umarkot|उमरकोट
Bori|बोरी
Chhapri|छापरी
Rajpura|राजपुरा
Nanpur|नानपुर
Tanda|टांडा
Bagh|बाग
Dahi|दही
Nisarpur|निसरपुर
Lunhera|लुन्हेरा
Balwari|बलवारी
Amkhut|आमखुट
Jaisinagar|जैसीनगर
Bandri|बांदरी
Gourjhamar|गौरझामर
Naryaoli|नरयावली
Sanodha|सानौधा
Rajwas|राजवास
Bhapel|भापेल
Magron|मगरोन
Jabera|जबेरा
Batiyagarh|बटियागढ़
Patera|पटेरा
Abhana|अभाना
Narsinghgarh|नरसिंहगढ़
Kumhari|कुम्हारी
Sadpur|सदपुर
Madiyado|मड़ियादो
Bhainsa|भैंसा
Silgi|सिलगी
Ghusiya|घुसिया
Kisli|किसली
Mocha|मोचा
Garhi|गढ़ी
Kodka|कोडका
Bahera|बहेरा
Chiraidongri|चिरईडोंगरी
Samnapur|समनापुर
Kharidih|खरीदीह
Bilaspur|बिलासपुर
Dhanwahi|धनवाही
Koylari|कोयलारी
""")
VILLAGE_SECOND_WORDS = _entries("""
Kalan|कलां
Khurd|खुर्द
Mal|माल
Tola|टोला
Buzurg|बुजुर्ग
Ryt|रैयत
""")

# Urban neighbourhoods (a ward is named after one) and village hamlets (a family's locality).
URBAN_LOCALITIES = _entries("""
Gandhi Nagar|गांधी नगर
Nehru Nagar|नेहरू नगर
Indira Colony|इंदिरा कॉलोनी
Shivaji Ward|शिवाजी वार्ड
Subhash Nagar|सुभाष नगर
Ambedkar Nagar|अंबेडकर नगर
Rajiv Nagar|राजीव नगर
Station Road|स्टेशन रोड
Sadar Bazar|सदर बाज़ार
Kazi Mohalla|काज़ी मोहल्ला
Ganeshganj|गणेशगंज
Tilakganj|तिलकगंज
Katra|कटरा
Civil Lines|सिविल लाइंस
Moti Nagar|मोती नगर
Shanti Nagar|शांति नगर
Vijay Nagar|विजय नगर
Azad Ward|आज़ाद वार्ड
Bhagat Singh Ward|भगत सिंह वार्ड
Laxmipura|लक्ष्मीपुरा
Shukrawari|शुक्रवारी
Itwara|इतवारा
Budhwara|बुधवारा
Islampura|इस्लामपुरा
Sultanganj|सुल्तानगंज
Makronia|मकरोनिया
Tili|तिली
Gopalganj|गोपालगंज
Parkota|परकोटा
Bada Bazar|बड़ा बाज़ार
Lajpatpura|लाजपतपुरा
Rajendra Nagar|राजेन्द्र नगर
Shastri Ward|शास्त्री वार्ड
Jawahar Ganj|जवाहरगंज
Kachhiyana|कछियाना
Purani Basti|पुरानी बस्ती
Railway Colony|रेलवे कॉलोनी
Sindhi Camp|सिंधी कैंप
Bhitar Bazar|भीतर बाज़ार
Ram Mandir Ward|राम मंदिर वार्ड
""")
HAMLETS = _entries("""
Bada Mohalla|बड़ा मोहल्ला
Bazar Mohalla|बाज़ार मोहल्ला
Mandir Mohalla|मंदिर मोहल्ला
Naya Tola|नया टोला
Upar Tola|ऊपर टोला
Niche Tola|नीचे टोला
Ambedkar Mohalla|अंबेडकर मोहल्ला
Masjid Mohalla|मस्जिद मोहल्ला
School Mohalla|स्कूल मोहल्ला
Talab Par|तालाब पार
Nadi Par|नदी पार
Jungle Tola|जंगल टोला
Bada Faliya|बड़ा फलिया
Nicha Faliya|नीचा फलिया
Talab Faliya|तालाब फलिया
Hanuman Chowk|हनुमान चौक
Gond Tola|गोंड टोला
Kheri Tola|खेरी टोला
""")

DISABILITIES = ("Locomotor", "Visual", "Hearing", "Speech", "Intellectual", "Multiple")


class DistrictSpec(NamedTuple):
    lat: str
    dev: str
    division: int  # index into DIVISIONS
    pin: int  # the district's first PIN code
    mix: tuple[tuple[str, float], ...]  # community shares (hindu, rajput, gond, bhil, muslim)
    local_bodies: tuple[tuple[str, str, str], ...]  # (type, Latin, Devanagari)


DIVISIONS = (Entry("Shahdol", "शहडोल"), Entry("Indore", "इंदौर"), Entry("Sagar", "सागर"))

DISTRICTS = (
    DistrictSpec(
        "Dindori",
        "डिंडोरी",
        0,
        481880,
        (("gond", 0.62), ("hindu", 0.31), ("rajput", 0.03), ("muslim", 0.04)),
        (
            ("JP", "Dindori", "डिंडोरी"),
            ("JP", "Shahpura", "शहपुरा"),
            ("JP", "Samnapur", "समनापुर"),
            ("JP", "Bajag", "बजाग"),
            ("NP", "Dindori", "डिंडोरी"),
        ),
    ),
    DistrictSpec(
        "Umaria",
        "उमरिया",
        0,
        484661,
        (("gond", 0.44), ("hindu", 0.44), ("rajput", 0.06), ("muslim", 0.06)),
        (
            ("JP", "Karkeli", "करकेली"),
            ("JP", "Pali", "पाली"),
            ("JP", "Manpur", "मानपुर"),
            ("NPP", "Umaria", "उमरिया"),
            ("NP", "Chandia", "चंदिया"),
        ),
    ),
    DistrictSpec(
        "Jhabua",
        "झाबुआ",
        1,
        457661,
        (("bhil", 0.84), ("hindu", 0.10), ("rajput", 0.02), ("muslim", 0.04)),
        (
            ("JP", "Jhabua", "झाबुआ"),
            ("JP", "Petlawad", "पेटलावद"),
            ("JP", "Thandla", "थांदला"),
            ("JP", "Meghnagar", "मेघनगर"),
            ("NPP", "Jhabua", "झाबुआ"),
        ),
    ),
    DistrictSpec(
        "Dhar",
        "धार",
        1,
        454001,
        (("bhil", 0.52), ("hindu", 0.34), ("rajput", 0.05), ("muslim", 0.09)),
        (
            ("JP", "Sardarpur", "सरदारपुर"),
            ("JP", "Badnawar", "बदनावर"),
            ("JP", "Kukshi", "कुक्षी"),
            ("NPP", "Dhar", "धार"),
            ("NP", "Manawar", "मनावर"),
        ),
    ),
    DistrictSpec(
        "Sagar",
        "सागर",
        2,
        470001,
        (("hindu", 0.78), ("rajput", 0.08), ("muslim", 0.11), ("gond", 0.03)),
        (
            ("JP", "Rahatgarh", "राहतगढ़"),
            ("JP", "Banda", "बंडा"),
            ("JP", "Kesli", "केसली"),
            ("NN", "Sagar", "सागर"),
            ("NPP", "Khurai", "खुरई"),
        ),
    ),
    DistrictSpec(
        "Damoh",
        "दमोह",
        2,
        470661,
        (("hindu", 0.75), ("rajput", 0.07), ("gond", 0.12), ("muslim", 0.06)),
        (
            ("JP", "Hatta", "हटा"),
            ("JP", "Patharia", "पथरिया"),
            ("JP", "Tendukheda", "तेंदूखेड़ा"),
            ("NPP", "Damoh", "दमोह"),
            ("NP", "Hindoria", "हिंडोरिया"),
        ),
    ),
)
