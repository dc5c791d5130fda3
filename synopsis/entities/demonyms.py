"""Adjectives of nationality and the country (or bloc) each names: general world knowledge.

Used only to read a side from a title ("Finnish Prime Minister" -> Finland); a
country that the story itself names is preferred, in the story's spelling.
"""

from __future__ import annotations

_TABLE = """
Afghan=Afghanistan; Albanian=Albania; Algerian=Algeria; American=United States; Andorran=Andorra;
Angolan=Angola; Argentine=Argentina; Argentinian=Argentina; Armenian=Armenia; Australian=Australia;
Austrian=Austria; Azerbaijani=Azerbaijan; Azeri=Azerbaijan; Bahraini=Bahrain; Bangladeshi=Bangladesh;
Belarusian=Belarus; Belgian=Belgium; Bolivian=Bolivia; Bosnian=Bosnia and Herzegovina; Brazilian=Brazil;
British=United Kingdom; Bulgarian=Bulgaria; Burmese=Myanmar; Cambodian=Cambodia; Cameroonian=Cameroon;
Canadian=Canada; Chadian=Chad; Chilean=Chile; Chinese=China; Colombian=Colombia; Congolese=Congo;
Croatian=Croatia; Cuban=Cuba; Cypriot=Cyprus; Czech=Czech Republic; Danish=Denmark; Dutch=Netherlands;
Ecuadorian=Ecuador; Egyptian=Egypt; Emirati=United Arab Emirates; English=England; Eritrean=Eritrea;
Estonian=Estonia; Ethiopian=Ethiopia; Filipino=Philippines; Finnish=Finland; French=France; Georgian=Georgia;
German=Germany; Ghanaian=Ghana; Greek=Greece; Guatemalan=Guatemala; Haitian=Haiti; Honduran=Honduras;
Hungarian=Hungary; Icelandic=Iceland; Indian=India; Indonesian=Indonesia; Iranian=Iran; Iraqi=Iraq;
Irish=Ireland; Israeli=Israel; Italian=Italy; Ivorian=Ivory Coast; Jamaican=Jamaica; Japanese=Japan;
Jordanian=Jordan; Kazakh=Kazakhstan; Kenyan=Kenya; Kosovan=Kosovo; Kuwaiti=Kuwait; Kyrgyz=Kyrgyzstan;
Latvian=Latvia; Lebanese=Lebanon; Libyan=Libya; Lithuanian=Lithuania; Luxembourgish=Luxembourg;
Malaysian=Malaysia; Malian=Mali; Maltese=Malta; Mexican=Mexico; Moldovan=Moldova; Mongolian=Mongolia;
Montenegrin=Montenegro; Moroccan=Morocco; Mozambican=Mozambique; Namibian=Namibia; Nepalese=Nepal;
Nepali=Nepal; Nicaraguan=Nicaragua; Nigerian=Nigeria; Nigerien=Niger; Norwegian=Norway; Omani=Oman;
Pakistani=Pakistan; Palestinian=Palestine; Panamanian=Panama; Paraguayan=Paraguay; Peruvian=Peru;
Polish=Poland; Portuguese=Portugal; Qatari=Qatar; Romanian=Romania; Russian=Russia; Rwandan=Rwanda;
Saudi=Saudi Arabia; Scottish=Scotland; Senegalese=Senegal; Serbian=Serbia; Singaporean=Singapore;
Slovak=Slovakia; Slovenian=Slovenia; Somali=Somalia; South African=South Africa; South Korean=South Korea;
North Korean=North Korea; Korean=Korea; Spanish=Spain; Sri Lankan=Sri Lanka; Sudanese=Sudan; Swedish=Sweden;
Swiss=Switzerland; Syrian=Syria; Taiwanese=Taiwan; Tajik=Tajikistan; Tanzanian=Tanzania; Thai=Thailand;
Tunisian=Tunisia; Turkish=Turkey; Turkmen=Turkmenistan; Ugandan=Uganda; Ukrainian=Ukraine; Uruguayan=Uruguay;
Uzbek=Uzbekistan; Venezuelan=Venezuela; Vietnamese=Vietnam; Welsh=Wales; Yemeni=Yemen; Zambian=Zambia;
Zimbabwean=Zimbabwe;
"""


def _load() -> dict[str, str]:
    pairs = (entry.split("=") for entry in _TABLE.replace("\n", " ").split(";") if "=" in entry)
    return {adjective.strip().casefold(): country.strip() for adjective, country in pairs}


DEMONYMS: dict[str, str] = _load()


def country_for(adjective: str) -> str | None:
    """The country an adjective of nationality names ("Finnish" -> "Finland"), or None."""
    word = adjective.strip()
    if word.endswith("s") and word[:-1].casefold() in DEMONYMS:
        word = word[:-1]
    return DEMONYMS.get(word.casefold())
