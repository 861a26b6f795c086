"""The matchers and role assembly on single sentences: every event type in both languages,
role direction both ways, first person, lists, hedges, totals and non-events."""
from decimal import Decimal

import pytest

from pipeline.extract import Extractor
from pipeline.records import DocMeta, Document

# (sentence, filer, expected events as (event_type, party, counterparty, amount or None))
EVENTS = [
    # investment, both directions
    ("NVIDIA invested $100 million in CoreWeave in 2023.", None,
     [("investment", "NVIDIA", "CoreWeave", "100000000")]),
    ("CoreWeave raised $1.1 billion in a round led by Coatue.", None,
     [("investment", "Coatue", "CoreWeave", "1100000000")]),
    ("CoreWeave was backed by NVIDIA in its early days.", None,
     [("investment", "NVIDIA", "CoreWeave", None)]),
    ("AMD issued OpenAI a warrant for up to 160 million shares of AMD common stock.", None,
     [("investment", "OpenAI", "AMD", None)]),
    ("英伟达向OpenAI投资1000亿美元。", None, [("investment", "NVIDIA", "OpenAI", "100000000000")]),
    ("CoreWeave获得英伟达的投资。", None, [("investment", "NVIDIA", "CoreWeave", None)]),
    ("Oracle agreed to invest $2 billion in Crusoe, and SoftBank, under a separate agreement with Crusoe, "
     "agreed to invest $1 billion.", None,  # ", and X, <aside>, agreed": a second investor, not a listed target
     [("investment", "Oracle", "Crusoe", "2000000000"), ("investment", "SoftBank", "Crusoe", "1000000000")]),
    ("Microsoft, Oracle, and SoftBank, the three founding partners, agreed to invest in Stargate.", None,
     [("investment", "Microsoft", "Stargate", None), ("investment", "Oracle", "Stargate", None),
      ("investment", "SoftBank", "Stargate", None)]),
    ("Amazon will invest $4 billion in Anthropic and Alphabet another $2 billion.", None,  # verb left out
     [("investment", "Amazon", "Anthropic", "4000000000"), ("investment", "Alphabet", "Anthropic", "2000000000")]),
    ("Magnetar is an early backer of CoreWeave, having participated in its 2023 Series B.", None,
     [("investment", "Magnetar", "CoreWeave", None)]),
    ("SoftBank agreed to invest $30 billion in OpenAI, Microsoft about $3 billion and NVIDIA $1 billion.", None,
     [("investment", "SoftBank", "OpenAI", "30000000000"), ("investment", "Microsoft", "OpenAI", "3000000000"),
      ("investment", "NVIDIA", "OpenAI", "1000000000")]),  # a hedge word in a verb-elided list
    ("Lambda raised $480 million in a Series D round led by Magnetar in February. NVIDIA also participated in the round.",
     None, [("investment", "Magnetar", "Lambda", "480000000"), ("investment", "NVIDIA", "Lambda", None)]),  # whose round
    ("Magnetar invested $50 million in Lambda in 2024. It added roughly $100 million more in the March 2026 IPO.", None,
     [("investment", "Magnetar", "Lambda", "50000000"), ("investment", "Magnetar", "Lambda", "100000000")]),
    ("Microsoft took part in Nscale's $1.1 billion Series B round.", None,
     [("investment", "Microsoft", "Nscale", "1100000000")]),  # "took" is no receive cue here; Nscale inside the pattern
    ("Microsoft signed a $10 billion compute contract with CoreWeave.\n\nThe software maker also has close ties to Nebius. "
     "It invested $500 million in Lambda in 2024.", None,
     [("purchase_agreement", "Microsoft", "CoreWeave", "10000000000"),
      ("investment", "Microsoft", "Lambda", "500000000")]),  # "It" is the descriptive subject before it, not Nebius
    ("Amazon agreed to buy $2 billion of Lambda common stock.", None,
     [("investment", "Amazon", "Lambda", "2000000000")]),  # stock bought is a stake in its issuer, not a purchase
    ("NVIDIA participated in the Series C led by ASML.", None, []),
    ("Crusoe raised $1.4 billion in a Series E round last month. Fidelity and Temasek co-led; Oracle also participated.",
     None, [("investment", "Fidelity", "Crusoe", None), ("investment", "Temasek", "Crusoe", None),
            ("investment", "Oracle", "Crusoe", None)]),  # round verbs with no object join the round just raised
    ("Crusoe raised $1.4 billion in new funding. Temasek led.", None, [("investment", "Temasek", "Crusoe", None)]),
    ("In June, Nebius issued to Microsoft warrants to purchase up to 2 million shares of its Class A common stock.", None,
     [("investment", "Microsoft", "Nebius", None)]),  # the warrant is a stake; only 'to purchase' is blocked  # the round's company is not named; ASML co-invests
    # companies that join a deal told before them: one more party each, no amount of their own
    ("Anthropic closed a $3.5 billion round led by Thrive Capital, with Salesforce and Cisco also participating.", None,
     [("investment", "Thrive Capital", "Anthropic", "3500000000"), ("investment", "Salesforce", "Anthropic", None),
      ("investment", "Cisco", "Anthropic", None)]),
    ("Mistral AI raised EUR 600 million in a Series B led by General Catalyst, with participation from NVIDIA, "
     "Samsung and Cisco.", None,
     [("investment", "General Catalyst", "Mistral AI", "600000000"), ("investment", "NVIDIA", "Mistral AI", None),
      ("investment", "Samsung", "Mistral AI", None), ("investment", "Cisco", "Mistral AI", None)]),
    ("Lambda secured a $1.5 billion debt facility led by JPMorgan Chase, with participation from Morgan Stanley.", None,
     [("credit", "JPMorgan Chase", "Lambda", "1500000000"), ("credit", "Morgan Stanley", "Lambda", None)]),
    ("Crusoe raised $600 million in a Series D round led by Founders Fund and Valor Equity Partners.", None,
     [("investment", "Founders Fund", "Crusoe", "600000000"),
      ("investment", "Valor Equity Partners", "Crusoe", "600000000")]),  # 'Equity' inside a name is no trigger
    ("Groq raised $750 million in a round led by Disruptive.", None,
     [("investment", "Disruptive", "Groq", "750000000")]),  # a one-word name where a round's leader stands
    ("Anthropic is growing fast. Anthropic hired 500 people this year. Anthropic opened an office in Tokyo. "
     "Google agreed to supply Anthropic with TPUs.\n\nThe company closed a $13 billion Series F led by ICONIQ.", None,
     [("purchase_agreement", "Anthropic", "Alphabet", None),
      ("investment", "ICONIQ", "Anthropic", "13000000000")]),  # 'the company' alone: the one the text is about
    # stock an issuer sells: the buyer invests in the issuer, no purchase
    ("Concurrently with the offering, we will issue and sell to NVIDIA $250 million of our Class A common stock "
     "in a private placement.", "CoreWeave", [("investment", "NVIDIA", "CoreWeave", "250000000")]),
    ("Lambda agreed to issue and sell to Microsoft $150 million of its common stock.", None,
     [("investment", "Microsoft", "Lambda", "150000000")]),
    ("In March we sold Series C preferred stock for gross proceeds of $400 million in a financing round led by Magnetar.",
     "Crusoe", [("investment", "Magnetar", "Crusoe", "400000000")]),  # a financing round is equity, not a loan
    ("SoftBank agreed to provide up to $30 billion of the $40 billion funding round of OpenAI.", None,
     [("investment", "SoftBank", "OpenAI", None)]),  # who provides a round's money invests (only sell/issue words flip)
    # a services deal with a hardware maker: the maker buys; a defined term is the company it defines
    ("On May 2, 2025, Lambda, Inc. (the \u201cCompany\u201d) and NVIDIA Corporation (\u201cNVIDIA\u201d) signed an order "
     "form under the master services agreement between the two companies.", "Lambda",
     [("purchase_agreement", "NVIDIA", "Lambda", None)]),
    ("Under it, NVIDIA is required to purchase any of the Company's cloud computing capacity.", "Lambda",
     [("purchase_agreement", "NVIDIA", "Lambda", None)]),  # 'it' under which is the agreement; 'the Company' the filer
    ("A significant part of Microsoft's $13 billion commitment reached OpenAI as Azure credits.", None,
     [("credit", "Microsoft", "OpenAI", None)]),  # only an unstated part of the $13 billion was credits
    # a company named by a hyphenated description: the company named before
    ("Cohere is hiring. NVIDIA invested $500 million in the Toronto-based startup.", None,
     [("investment", "NVIDIA", "Cohere", "500000000")]),
    ("Cohere, the Toronto-based startup, raised $500 million from NVIDIA.", None,
     [("investment", "NVIDIA", "Cohere", "500000000")]),  # in apposition: the company it follows
    ("ASML agreed to invest €1.3 billion in Mistral AI. The chip-equipment maker leads a Series C round of "
     "€1.7 billion that values Mistral at €11.7 billion.", None,
     [("investment", "ASML", "Mistral AI", "1300000000"), ("investment", "ASML", "Mistral AI", "1700000000")]),
    ("Reflection AI. The open-weights lab raised $2 billion at an $8 billion valuation. NVIDIA led the round.", None,
     [("investment", "NVIDIA", "Reflection AI", None)]),
    # what a loan pays for or is secured by is no side of it
    ("Lambda secured a $500 million loan from JPMorgan Chase to fund the build-out of its Microsoft capacity.", None,
     [("credit", "JPMorgan Chase", "Lambda", "500000000")]),
    ("SoftBank expanded a margin loan backed by its Arm shares to $20 billion, borrowed from a group of lenders.", None,
     [("credit", "group of lenders", "SoftBank", "20000000000")]),  # after the comma the lenders are a side again
    # a bank group's leaders; a subsidiary named after 'our ... subsidiary,' is the side
    ("On 14 March 2025, our principal operating subsidiary, Aurelian Compute Netherlands B.V., signed a EUR 1.1 billion "
     "term facility with a club of European banks led by ING.", "Aurelian Cloud",
     [("credit", "ING", "Aurelian Compute Netherlands", "1100000000")]),
    ("Hartwell & Crane LLP represented a syndicate of lenders led by MUFG and Sumitomo Mitsui Banking Corporation in a "
     "$4.8 billion senior secured construction loan to Bramblewood Data Centers.", None,
     [("credit", "MUFG", "Bramblewood Data Centers", "4800000000"),
      ("credit", "Sumitomo Mitsui Banking", "Bramblewood Data Centers", "4800000000")]),
    ("To fund the build, we issued $1.2 billion of green bonds to institutional investors in March and signed a new "
     "$700 million revolving credit facility with a group of banks led by Wells Fargo.", "Pinecrest Networks",
     [("credit", "institutional investors", "Pinecrest Networks", "1200000000"),
      ("credit", "Wells Fargo", "Pinecrest Networks", "700000000")]),  # 'and signed': a second deal of the same subject
    ("Meta followed on October 30 with a $30 billion bond sale to investors.", None,
     [("credit", "investors", "Meta", "30000000000")]),  # one bond is notes too
    ("Amazon raised $15 billion from investors on November 17 in its first dollar bond in three years.", None,
     [("credit", "investors", "Amazon", "15000000000")]),  # money raised with a bond is a loan, no stake
    ("Cohere said it will expand its use of Oracle Cloud Infrastructure, in a deal worth several billion dollars.", None,
     [("purchase_agreement", "Cohere", "Oracle", None)]),  # who uses a company's cloud buys it
    # a deal word that says no direction, with a company the supply table does not know
    ("On October 14, 2025, Ridgeline Digital Holdings, Inc. (the \"Company\") entered into a lease agreement with "
     "CoreWeave, Inc. for 200 megawatts of critical IT load.", "Ridgeline Digital",
     [("purchase_agreement", "CoreWeave", "Ridgeline Digital", None)]),  # the neocloud rents the space
    ("Signed: 5-year GPU capacity contract with Meta, $1.3B", "Orion Digital Infrastructure",
     [("purchase_agreement", "Meta", "Orion Digital Infrastructure", "1300000000")]),  # an AI lab buys
    # 'to' after another purchase verb marks that verb's side
    ("Under the agreement we are obligated to purchase any residual cloud computing capacity that Lambda does not sell "
     "to its other customers.", "NVIDIA", [("purchase_agreement", "NVIDIA", "Lambda", None)]),
    ("Google agreed to backstop up to $1.4 billion of Fluidstack's lease obligations to Cipher Mining.", None,
     [("credit", "Alphabet", "Fluidstack", None)]),  # the landlord is paid under the lease, not backed
    # credit, both directions
    ("JPMorgan Chase lent Crusoe $2.3 billion to build the campus.", None,
     [("credit", "JPMorgan Chase", "Crusoe", "2300000000")]),
    ("CoreWeave secured a $7.5 billion delayed draw term loan facility from Blackstone.", None,
     [("credit", "Blackstone", "CoreWeave", "7500000000")]),
    ("Microsoft provided Azure credits to OpenAI.", None, [("credit", "Microsoft", "OpenAI", None)]),
    ("In March 2025 Lambda sold $600 million of senior notes due 2030 to institutional investors.", None,
     [("credit", "institutional investors", "Lambda", "600000000")]),  # the issuer of notes borrows
    ("In the third quarter we guaranteed $500 million of a cloud partner's obligations under a data center lease.",
     "NVIDIA", [("credit", "NVIDIA", "cloud partner", "500000000")]),  # an unnamed partner, as written
    ("Microsoft is backstopping $700 million of Nscale's lease obligations in Norway.", None,
     [("credit", "Microsoft", "Nscale", "700000000")]),  # the lease the guarantee covers is no second deal
    ("During the quarter we provided a guarantee of up to $500 million in connection with a data center lease "
     "entered into by a hosting partner.", "NVIDIA",  # 'entered into by': whose obligation is guaranteed
     [("credit", "NVIDIA", "hosting partner", None)]),
    ("Under the credit agreement, a syndicate of lenders committed to provide up to $1.5 billion to Lambda.", None,
     [("credit", "syndicate of lenders", "Lambda", None)]),  # lenders providing money lend, they sell nothing
    ("Nebius has a $3 billion revolving credit facility from a group of banks led by MUFG.", None,
     [("credit", "MUFG", "Nebius", "3000000000")]),  # the group's leader stands for the group
    ("A group of banks led by MUFG is lending $12 billion for two campuses being developed by Crusoe for OpenAI.", None,
     [("credit", "MUFG", "Crusoe", "12000000000")]),  # the developer borrows, not its tenant
    ("国家开发银行向宁夏云启算力有限公司发放30亿元项目贷款。", None,
     [("credit", "国家开发银行", "宁夏云启算力", "3000000000")]),
    ("本公司拟向中国工商银行申请不超过人民币50亿元的综合授信额度。", "云栈数据科技",
     [("credit", "中国工商银行", "云栈数据科技", None)]),
    # purchase agreements, both directions
    ("Cipher Mining said its lease with Fluidstack remains in effect.", None,  # 'lease with': the supply chain orients
     [("purchase_agreement", "Fluidstack", "Cipher Mining", None)]),
    ("OpenAI signed a $300 billion contract with Oracle.", None,
     [("purchase_agreement", "OpenAI", "Oracle", "300000000000")]),
    ("Oracle signed a $300 billion contract with OpenAI.", None,  # the supply chain orients a symmetric deal
     [("purchase_agreement", "OpenAI", "Oracle", "300000000000")]),
    ("Nebius agreed to supply Microsoft with GPU capacity.", None,
     [("purchase_agreement", "Microsoft", "Nebius", None)]),
    ("CoreWeave rents its GPUs to Microsoft and OpenAI.", None,
     [("purchase_agreement", "Microsoft", "CoreWeave", None), ("purchase_agreement", "OpenAI", "CoreWeave", None)]),
    ("CoreWeave再把这些GPU租给微软和OpenAI做算力服务。", None,
     [("purchase_agreement", "Microsoft", "CoreWeave", None), ("purchase_agreement", "OpenAI", "CoreWeave", None)]),
    ("OpenAI账上现金仅30-50亿美元，却签下高达1.3万亿美元的订单：与微软签2500亿服务协议、与甲骨文签3000亿。", None,
     [("purchase_agreement", "OpenAI", "Microsoft", "250000000000"),
      ("purchase_agreement", "OpenAI", "Oracle", "300000000000")]),
    # a company named before its goods ("NVIDIA GPUs") is the seller only where a purchase word buys them
    ("We have agreed to purchase 40,000 AMD Instinct GPUs for a new cluster in Texas.", "Oracle",
     [("purchase_agreement", "Oracle", "AMD", None)]),
    ("Humain said it will buy tens of thousands of NVIDIA Blackwell GPUs for its first sites.", None,
     [("purchase_agreement", "Humain", "NVIDIA", None)]),
    ("Meta will buy $5 billion of NVIDIA servers from Dell Technologies.", None,  # the seller named after the goods
     [("purchase_agreement", "Meta", "Dell Technologies", "5000000000")]),
    ("Microsoft signed a multiyear agreement to run workloads powered by NVIDIA GB300 chips in Nebius's cloud.", None,
     [("purchase_agreement", "Microsoft", "Nebius", None)]),
    ("A special-purpose vehicle, Orion Compute, will buy NVIDIA chips and lease them to xAI.", None,
     [("purchase_agreement", "Orion Compute", "NVIDIA", None), ("purchase_agreement", "xAI", "Orion Compute", None)]),
    ("OpenAI agreed to a $10 billion deal for Broadcom accelerators.", None,  # no other side named: the maker sells
     [("purchase_agreement", "OpenAI", "Broadcom", "10000000000")]),
    # an amount after a total word sums several deals: the deal keeps its own amount
    ("Nebius said Microsoft had enlarged their capacity contract by $2 billion, lifting the total value of "
     "Microsoft's commitments to Nebius to about $19.4 billion.", None,
     [("purchase_agreement", "Microsoft", "Nebius", "2000000000")]),
    ("Last month Meta expanded its agreement with Nscale by up to $3 billion, bringing the total value of its "
     "contracts with Nscale to about $9 billion.", None, [("purchase_agreement", "Meta", "Nscale", None)]),  # up to: high only
    ("NVIDIA bought $500 million of CoreWeave shares, and the stock rose 8%.", None,  # the move after the deal
     [("investment", "NVIDIA", "CoreWeave", "500000000")]),
    # after a deal, ', X lined up ...' starts a new deal with its own subject, not a list with the lender before it
    ("Nebius obtained a $1 billion term loan from Goldman Sachs, Lambda lined up $500 million of GPU-backed loans "
     "from Blackstone, and Crusoe drew down its facility.", None,
     [("credit", "Goldman Sachs", "Nebius", "1000000000"), ("credit", "Blackstone", "Lambda", "500000000")]),
    ("Oracle signed capacity contracts with OpenAI, xAI and Meta last year.", None,  # a list that does not act
     [("purchase_agreement", "OpenAI", "Oracle", None), ("purchase_agreement", "xAI", "Oracle", None),
      ("purchase_agreement", "Meta", "Oracle", None)]),
    # a facility that is a building is no credit facility
    ("Meta will lease the completed facility from Orion Campus LLC.", None,
     [("purchase_agreement", "Meta", "Orion Campus", None)]),
    ("A vehicle, Orion Compute, will lease the servers to xAI for its Colossus 2 facility in Memphis.", None,
     [("purchase_agreement", "xAI", "Orion Compute", None)]),
    ("Crusoe closed a $750 million credit facility in Texas with Brookfield.", None,
     [("credit", "Brookfield", "Crusoe", "750000000")]),
    # unnamed receivers of credits as written (hyphenated words split by the tokenizer; 'eligible' left out)
    ("Microsoft has committed $50 million in Azure credits to generative AI start-ups through its accelerator.", None,
     [("credit", "Microsoft", "generative AI start-ups", "50000000")]),
    ("Through its Founders Program, we provide eligible AI-focused startups with up to $250,000 in cloud credits.",
     "Oracle", [("credit", "Oracle", "AI-focused startups", None)]),  # the comma in 250,000 closes no appositive
    ("Lambda sold $600 million of senior notes in a private offering to qualified institutional buyers.", None,
     [("credit", "qualified institutional buyers", "Lambda", "600000000")]),
    # the topic of a sentence is a company no role word marks: 跟谷歌 is the seller, the buyer stays the topic
    ("Anthropic最近动作频频。上月跟谷歌签约租用算力；本月又向微软采购300亿美元的Azure服务。", None,
     [("purchase_agreement", "Anthropic", "Alphabet", None),
      ("purchase_agreement", "Anthropic", "Microsoft", "30000000000")]),
    # common purchase and supply verbs: 定制, 租, 购入, 购置, 签了 (jieba keeps 签了 whole); 向X供应/出货: X buys
    ("OpenAI去年跟博通定制了10吉瓦的自研芯片。", None, [("purchase_agreement", "OpenAI", "Broadcom", None)]),
    ("微软向Nebius租了大批GPU。", None, [("purchase_agreement", "Microsoft", "Nebius", None)]),
    ("xAI向戴尔购入价值50亿美元的服务器。", None, [("purchase_agreement", "xAI", "Dell Technologies", "5000000000")]),
    ("微软上月跟CoreWeave签了一份100亿美元的算力合同。", None,
     [("purchase_agreement", "Microsoft", "CoreWeave", "10000000000")]),
    ("英伟达将向Humain出货1.8万颗GB300芯片。", None, [("purchase_agreement", "Humain", "NVIDIA", None)]),
    ("超威將向甲骨文供應5萬顆MI450晶片。", None, [("purchase_agreement", "Oracle", "AMD", None)]),
    # 向X放款: X borrows; 参股: a minority stake
    ("黑石向Lambda放款15亿美元。", None, [("credit", "Blackstone", "Lambda", "1500000000")]),
    ("腾讯参股了智谱。", None, [("investment", "Tencent", "Zhipu AI", None)]),
    # a holder noun (股东, 投资者) where the clause says someone is one; 'X竞争对手Y' only describes Y;
    # 同时 after a subject is an adverb, no clause break
    ("软银是OpenAI的最大投资者之一。", None, [("investment", "SoftBank", "OpenAI", None)]),
    ("微軟已成為OpenAI最大的股東。", None, [("investment", "Microsoft", "OpenAI", None)]),
    ("OpenAI的股东包括微软和软银。", None,
     [("investment", "Microsoft", "OpenAI", None), ("investment", "SoftBank", "OpenAI", None)]),
    ("谷歌同时也是微软竞争对手Anthropic的主要股东。", None, [("investment", "Alphabet", "Anthropic", None)]),
    # cloud credits need a receiver, named or generic, as written
    ("谷歌为初创公司提供云额度。", None, [("credit", "Alphabet", "初创公司", None)]),
    ("亚马逊派发AWS credits，初创公司用算力不必付现金。", None, [("credit", "Amazon", None, None)]),  # granted, no receiver named
    # 分别: the amounts follow the listed parties by position
    ("微软和英伟达分别向Anthropic投资50亿美元和100亿美元。", None,
     [("investment", "Microsoft", "Anthropic", "5000000000"), ("investment", "NVIDIA", "Anthropic", "10000000000")]),
    ("OpenAI分别向AMD和博通采购60亿美元和100亿美元的芯片。", None,
     [("purchase_agreement", "OpenAI", "AMD", "6000000000"), ("purchase_agreement", "OpenAI", "Broadcom", "10000000000")]),
    # unnamed banks sell nothing: a purchase word beside them ('为X的芯片采购提供贷款') is their loan
    ("几家本地银行将为Humain的芯片采购提供约30亿美元的贷款。", None, [("credit", "几家本地银行", "Humain", "3000000000")]),
    ("多家銀行將為Crusoe的設備採購提供貸款。", None, [("credit", "多家銀行", "Crusoe", None)]),
    # a capitalised name in a party position is a company without a legal suffix; 'which' is the company before it
    ("Harbor Lane Compute obtained a $300 million GPU-backed loan from Blackstone in May.", None,
     [("credit", "Blackstone", "Harbor Lane Compute", "300000000")]),
    ("Nebius will rent the site from Granite Peak Digital under a ten-year lease.", None,
     [("purchase_agreement", "Nebius", "Granite Peak Digital", None)]),
    ("LG Group, Samsung Electronics and Kakao Cloud will each buy 20,000 NVIDIA GPUs.", None,
     [("purchase_agreement", "LG", "NVIDIA", None), ("purchase_agreement", "Samsung", "NVIDIA", None),
      ("purchase_agreement", "Kakao Cloud", "NVIDIA", None)]),  # two capitals with a suffix are a name
    ("The site is being developed by Crusoe, which obtained a $2 billion loan from Blackstone.", None,
     [("credit", "Blackstone", "Crusoe", "2000000000")]),
    ("NVIDIA joined Lambda's $480 million round in March, which was led by Ridgeline Capital.", None,
     [("investment", "NVIDIA", "Lambda", "480000000")]),  # 'which' after no company names none
    # what comes 'in return for' goes back to the giver; a headline's 'as <subject> <verb>' starts a clause
    ("Oracle and Microsoft will each commit $5 billion to Helios Compute LLC in return for 30% stakes.", None,
     [("investment", "Oracle", "Helios Compute", "5000000000"), ("investment", "Microsoft", "Helios Compute", "5000000000")]),
    ("Amazon, Alphabet to invest in Anthropic as start-up commits $20 billion to cloud", None,
     [("investment", "Amazon", "Anthropic", None), ("investment", "Alphabet", "Anthropic", None)]),
    ("Amazon will invest $4 billion in Anthropic as part of a deal that takes effect in May.", None,  # no clause
     [("investment", "Amazon", "Anthropic", "4000000000")]),
    ("The agreement extends OpenAI's existing work with Oracle: OpenAI will buy $2 billion of capacity from Nebius.", None,
     [("purchase_agreement", "OpenAI", "Nebius", "2000000000")]),  # 'work with' Oracle is no contract
    ("After a review of the useful lives of our servers, we extended them from five years to six years.", "Amazon",
     [("depreciation_change", "Amazon", None, None)]),  # the review is no event, the change after it is
    ("Nebius signed a supply agreement and a services contract with Microsoft.", None,  # no merger here
     [("purchase_agreement", "Microsoft", "Nebius", None)]),
    # first person
    ("In September 2025 NVIDIA placed a $6.3 billion order with us for our unused capacity.", "CoreWeave",
     [("purchase_agreement", "NVIDIA", "CoreWeave", "6300000000")]),
    ("In July 2025 we entered into a $2.1 billion wafer supply agreement with GlobalFoundries.", "AMD",
     [("purchase_agreement", "AMD", "GlobalFoundries", "2100000000")]),
    # depreciation changes
    ("We increased the estimated useful lives of our servers from four years to six years.", "Microsoft",
     [("depreciation_change", "Microsoft", None, None)]),
    ("Meta把AI服务器和GPU的折旧期延长到10年以上。", None, [("depreciation_change", "Meta", None, None)]),
    # 公司 right before a name is its head noun, not a pronoun; 某…公司 is a party as written
    ("国产GPU公司沐曦近日获得多家银行15亿元综合授信。", None,
     [("credit", "多家银行", "沐曦股份", "1500000000")]),
    ("某大型云计算公司已与摩尔线程签订采购协议，采购其训练服务器。", None,
     [("purchase_agreement", "某大型云计算公司", "摩尔线程", None)]),
    # 提供的: the lender of a relative clause; the leader of a syndicate (牵头的银团); 自X取得; a name after 營運|商
    ("小米去年已取得多家银行提供的80亿元银团贷款。", None, [("credit", "多家银行", "Xiaomi", "8000000000")]),
    ("CoreWeave自摩根大通牵头的银团取得30亿美元贷款。", None, [("credit", "JPMorgan Chase", "CoreWeave", "3000000000")]),
    ("恒生銀行向本地營運商港匯雲有限公司提供貸款10億元。", None, [("credit", "恒生銀行", "港匯雲", "1000000000")]),
    # the investors of a round named in the clause after it, with the round's amount
    ("Lambda完成了15亿美元的D轮融资，英伟达是投资方之一。", None, [("investment", "NVIDIA", "Lambda", "1500000000")]),
    ("月之暗面完成10亿美元新一轮融资，投资方包括阿里巴巴和腾讯。", None,
     [("investment", "Alibaba", "Moonshot AI", "1000000000"), ("investment", "Tencent", "Moonshot AI", "1000000000")]),
    ("智谱完成了3亿美元的C轮融资，由阿里巴巴领投。", None, [("investment", "Alibaba", "Zhipu AI", "300000000")]),
    # a share placement: whoever takes the new shares invests in the placing company
    ("百度宣布向腾讯配售新股，集资20亿港元。", None, [("investment", "Tencent", "Baidu", None)]),
    ("百度拟配售新股予阿里巴巴，集资港幣10億元。", None, [("investment", "Alibaba", "Baidu", None)]),
    # 并获得…股权: the subject of the clause before receives the stake
    ("英伟达为CoreWeave的租约提供担保，并获得Nebius约3%的股权。", None,
     [("credit", "NVIDIA", "CoreWeave", None), ("investment", "NVIDIA", "Nebius", None)]),
    # a government is a party as written (a subsidy turned into equity)
    ("日本政府将此前拨付的补贴转为股权，获得软银约2%的股份。", None, [("investment", "日本政府", "SoftBank", None)]),
    # 合资企业X / 特殊目的公司X: X is a company, and a later 合资企业 is X
    ("甲骨文与Crusoe成立合资企业Helios Compute LLC。Crusoe旗下基金将持有合资企业60%的股权。", None,
     [("investment", "Crusoe", "Helios Compute", None)]),
    ("摩根大通向特殊目的公司Orion Compute提供20亿美元贷款。", None,
     [("credit", "JPMorgan Chase", "Orion Compute", "2000000000")]),
    # 投了 is 投; 授出 gives (the one granted the warrants invests)
    ("微软去年向Inflection投了6.5亿美元。", None, [("investment", "Microsoft", "Inflection AI", "650000000")]),
    ("以甲骨文為例，其向xAI授出的認股權證須待部署達標才會生效。", None, [("investment", "xAI", "Oracle", None)]),
    # 向 + a trade noun + a name (the name learned from the noun); financing that is provided is a loan
    ("黑石宣布将向AI云服务商Nebius提供最高30亿美元融资。", None, [("credit", "Blackstone", "Nebius", None)]),
    ("高盛亦宣布，將向燃料電池商Bloom Energy提供最高20億美元融資。", None,
     [("credit", "Goldman Sachs", "Bloom Energy", None)]),
    ("摩根士丹利向雲端業者CoreWeave提供約75億美元貸款。", None, [("credit", "Morgan Stanley", "CoreWeave", "7500000000")]),
    # a denial after 但 and a rumour of its own denies that rumour, not the deal before 但
    ("英伟达去年参投xAI约20亿美元融资，但近日市场传出英伟达将再追加投资的消息，英伟达已否认。", None,
     [("investment", "NVIDIA", "xAI", "2000000000")]),
    ("騰訊去年入股智譜，惟近日傳出騰訊將增持的消息，騰訊已澄清並無此事。", None, [("investment", "Tencent", "Zhipu AI", None)]),
    # amounts listed before 两笔: one loan each
    ("三井住友先后向Lambda发放10亿美元和15亿美元两笔贷款。", None,
     [("credit", "Sumitomo Mitsui Banking", "Lambda", "1000000000"), ("credit", "Sumitomo Mitsui Banking", "Lambda", "1500000000")]),
    # a converted amount in parentheses is the same amount; a valuation is no deal's amount
    ("英伟达向xAI投资20亿美元（约合人民币142亿元），取得约3%股权。", None, [("investment", "NVIDIA", "xAI", "2000000000")]),
    ("软银向OpenAI投资300亿美元，投后估值达到5000亿美元。", None, [("investment", "SoftBank", "OpenAI", "30000000000")]),
    ("英伟达参投xAI，投后估值约为2000亿美元。", None, [("investment", "NVIDIA", "xAI", None)]),
    # a full-width space parts a headline into two clauses (后者 is the company named last)
    ("軟銀入股OpenAI　後者承諾向甲骨文購買500億美元算力", None,
     [("investment", "SoftBank", "OpenAI", None), ("purchase_agreement", "OpenAI", "Oracle", "50000000000")]),
    # 已獲X注资: X invests (jieba keeps 已獲 whole); X参与Y的融资: X invests in Y
    ("OpenAI已獲軟銀注資400億美元。", None, [("investment", "SoftBank", "OpenAI", "40000000000")]),
    ("阿里巴巴參與了智譜的新一輪融資。", None, [("investment", "Alibaba", "Zhipu AI", None)]),
    # 向X下订单: the one who orders buys, whatever the supply chain; a buy verb beats a bare deal word
    ("百度向寒武纪下了20亿元订单。", None, [("purchase_agreement", "Baidu", "Cambricon", "2000000000")]),
    ("英伟达与CoreWeave签订订单，承诺买下CoreWeave的剩余算力。", None, [("purchase_agreement", "NVIDIA", "CoreWeave", None)]),
    ("CoreWeave与英伟达签订订单。", None, [("purchase_agreement", "CoreWeave", "NVIDIA", None)]),  # no verb: the chain
    # bonds subscribed are a loan to their issuer (认购 shares is still a stake); a 其中 part is no second deal
    ("黑石认购了甲骨文的30亿美元债券。", None, [("credit", "Blackstone", "Oracle", "3000000000")]),
    ("甲骨文向黑石发行了30亿美元债券。", None, [("credit", "Blackstone", "Oracle", "3000000000")]),
    ("这笔融资通过特殊目的公司Orion Compute完成：黑石等投资者认购了约50亿美元债券，其中黑石一家认购约20亿美元。", None,
     [("credit", "Blackstone", "Orion Compute", "5000000000")]),
    ("英伟达认购英特尔50亿美元新股。", None, [("investment", "NVIDIA", "Intel", "5000000000")]),
    # 'A的…合作方X', '公司全资子公司X': A only describes X, and X stands where A stood (为 marks X)
    ("摩根士丹利正为微软的数据中心合作方Nebius安排一笔30亿美元贷款。", None,
     [("credit", "Morgan Stanley", "Nebius", "3000000000")]),
    ("公司全资子公司贵州云栈智算有限公司拟向国家开发银行申请5亿元贷款。", "云栈数据科技",  # a name past 20 characters of text
     [("credit", "国家开发银行", "贵州云栈智算", "500000000")]),
    # a place in full-width parentheses is part of a company's name; 股份 in 股份有限公司 is no stake
    ("摩根大通向华为（深圳）技术有限公司发放20亿元贷款。", None, [("credit", "JPMorgan Chase", "华为（深圳）技术", "2000000000")]),
    ("腾讯与北京智谱华章科技股份有限公司签订算力合同。", None, [("purchase_agreement", "Tencent", "Zhipu AI", None)]),
    # an order placed with X: X sells; funding commitments to X: an investment in X
    ("Among them is an order placed in March 2026 with Nebius, with an initial value of $2.1 billion, under which we "
     "will rent GPU capacity.", "Microsoft", [("purchase_agreement", "Microsoft", "Nebius", "2100000000")]),
    ("We have made funding commitments of $6 billion to Mistral AI, of which $2 billion had been paid.", "ASML",
     [("investment", "ASML", "Mistral AI", "6000000000")]),
    # one deal read twice (convertible notes invested in), one guarantee to the venture's investors: one row
    ("We invested $2.5 billion in convertible notes issued by Mistral AI in 2025.", "ASML",
     [("investment", "ASML", "Mistral AI", "2500000000")]),
    ("Meta set up a joint venture, Orchard Campus LLC, to own the site. Meta has provided a completion guarantee to "
     "the venture's lenders.", None, [("credit", "Meta", "lenders", None)]),
    # listed backers are all investors; 'the startup' that comes back is none of them
    ("Existing backers **Microsoft**, **NVIDIA** and Lightspeed also took part in the round, the startup said.", None, []),
    # a filer's aggregate obligations are no event; the named deal in the same note is
    ("Our purchase obligations totaled $9.1 billion in the aggregate. We also have a $2.4 billion wafer supply "
     "agreement with TSMC that runs through 2027.", "NVIDIA", [("purchase_agreement", "NVIDIA", "TSMC", "2400000000")]),
    # a clause that points back (其中, 上述, 该笔 ...) takes the sides it leaves out from the deal just told
    ("IREN向戴尔采购约58亿美元的GPU。微软为其中20亿美元的付款义务提供担保。", None,  # credit backs the payer
     [("purchase_agreement", "IREN", "Dell Technologies", "5800000000"), ("credit", "Microsoft", "IREN", "2000000000")]),
    ("IREN向戴尔采购约58亿美元的GPU，微软为其中20亿美元提供担保。", None,
     [("purchase_agreement", "IREN", "Dell Technologies", "5800000000"), ("credit", "Microsoft", "IREN", "2000000000")]),
    ("軟銀承諾向OpenAI投資300億美元。據報導，其中約100億美元是以雲端抵用額度的形式發放。", None,  # names neither side
     [("investment", "SoftBank", "OpenAI", "30000000000"), ("credit", "SoftBank", "OpenAI", "10000000000")]),
    ("亞馬遜累計向Anthropic投資80億美元；其中相當部分以AWS雲端額度形式提供。", None,  # AWS is the party named
     [("investment", "Amazon", "Anthropic", "8000000000"), ("credit", "Amazon", "Anthropic", None)]),
    ("Crusoe从摩根大通获得23亿美元贷款。Blue Owl为上述贷款提供担保。", None,  # 上述贷款 is the loan told, no new one
     [("credit", "JPMorgan Chase", "Crusoe", "2300000000"), ("credit", "Blue Owl Capital", "Crusoe", None)]),
    ("Crusoe從摩根大通獲得23億美元貸款。該筆貸款以GPU作抵押。", None,
     [("credit", "JPMorgan Chase", "Crusoe", "2300000000")]),
    ("英伟达向OpenAI投资1000亿美元。市场反应平淡。其中一半以云额度形式发放。", None,  # points past a sentence: no carry
     [("investment", "NVIDIA", "OpenAI", "100000000000")]),
    # the other side named earlier is a list: one deal each
    ("亚马逊今年和甲骨文、CoreWeave签了多份算力租用合同。", None,
     [("purchase_agreement", "Amazon", "Oracle", None), ("purchase_agreement", "Amazon", "CoreWeave", None)]),
    ("微軟近月和Nebius、Lambda簽下多份GPU租用合約。", None,
     [("purchase_agreement", "Microsoft", "Nebius", None), ("purchase_agreement", "Microsoft", "Lambda", None)]),
    ("CoreWeave完成融资，英伟达和思科也参与了投资。", None,  # the listed investors stay the parties
     [("investment", "NVIDIA", "CoreWeave", None), ("investment", "Cisco", "CoreWeave", None)]),
    # selling a holding is no purchase; goods sold are, and a deal after the sale still counts
    ("英伟达向软银出售了一批GPU。", None, [("purchase_agreement", "SoftBank", "NVIDIA", None)]),
    ("软银减持所持T-Mobile股份后，向OpenAI投资225亿美元。", None, [("investment", "SoftBank", "OpenAI", "22500000000")]),
    # a product of the company a role word marks is not the topic ('向微软采购…Azure服务': the buyer stays)
    ("xAI先跟甲骨文签了一份算力合同。随后又承诺向微软采购50亿美元的Azure服务；本月再跟亚马逊签了一份云合同。", None,
     [("purchase_agreement", "xAI", "Oracle", None), ("purchase_agreement", "xAI", "Microsoft", "5000000000"),
      ("purchase_agreement", "xAI", "Amazon", None)]),
    # a verb that sets a new life, with or without a depreciation noun; lives differing in the old years are two changes
    ("微软的服务器由4年调至6年，网络设备由5年调至6年。", None,
     [("depreciation_change", "Microsoft", None, None), ("depreciation_change", "Microsoft", None, None)]),
    ("甲骨文把伺服器由5年調至6年。", None, [("depreciation_change", "Oracle", None, None)]),
    ("Meta將網路設備的耐用年限變更為5.5年。", None, [("depreciation_change", "Meta", None, None)]),
    # a company named only by the slot it stands in (after 子公司/参股公司, in 参与X的增资)
    ("英伟达向其全资子公司星辰算力注资5亿美元。", None, [("investment", "NVIDIA", "星辰算力", "500000000")]),
    ("鴻海董事會通過對美國子公司Orion Power增資3億美元。", None,
     [("investment", "Foxconn", "Orion Power", "300000000")]),
    ("軟銀將參與月暗科技的新一輪融資。", None, [("investment", "SoftBank", "月暗科技", None)]),
    # banks that arrange a loan lend it; '，支持X' goes on with the deal and names the borrower
    ("一批银行正筹组约50亿美元贷款，支持CoreWeave扩建数据中心。", None,
     [("credit", "一批银行", "CoreWeave", "5000000000")]),
    ("摩根大通牽頭籌組100億美元銀團貸款，支援Crusoe興建園區。", None,
     [("credit", "JPMorgan Chase", "Crusoe", "10000000000")]),
    ("微软向OpenAI投资100亿美元，支持其在Azure上训练模型。", None,  # no second side after 支持
     [("investment", "Microsoft", "OpenAI", "10000000000")]),
    # a vehicle raising money names no investor; money given to it still has its sides
    ("高盛向特殊目的公司Harbor Vale LLC提供了30亿美元融资。", None,
     [("credit", "Goldman Sachs", "Harbor Vale", "3000000000")]),
    ("黑石上月很活跃。本月又为Crusoe提供了50亿美元贷款。", None,  # a lender carried over still lends
     [("credit", "Blackstone", "Crusoe", "5000000000")]),
    # joint work beside a bought good or a stated amount is still a deal
    ("AMD与OpenAI签署协议，共同开发MI450芯片，OpenAI将采购6吉瓦的GPU。", None,
     [("purchase_agreement", "OpenAI", "AMD", None)]),
    ("甲骨文與OpenAI簽署3000億美元的算力合約，不涉及股權交換。", None,  # the stake not involved is none
     [("purchase_agreement", "OpenAI", "Oracle", "300000000000")]),
    # a part of an amount is a deal of its own with no amount stated; a stated part keeps its figure
    ("微软对OpenAI的130亿美元投资中，有相当部分是以Azure credit的形式发放的。", None,
     [("investment", "Microsoft", "OpenAI", "13000000000"), ("credit", "Microsoft", "OpenAI", None)]),
    ("亞馬遜對Anthropic的80億美元投資中，一部分以AWS雲額度的形式提供。", None,
     [("investment", "Amazon", "Anthropic", "8000000000"), ("credit", "Amazon", "Anthropic", None)]),
    ("软银斥资50亿美元收购OpenAI部分股权。", None, [("investment", "SoftBank", "OpenAI", "5000000000")]),
    # a cooperation with a value stated is a deal; the supply chain says who sells
    ("超微與Humain達成一項價值100億美元的合作，將為其部署500兆瓦算力。", None,
     [("purchase_agreement", "Humain", "AMD", "10000000000")]),
    ("英伟达与xAI达成价值200亿美元的战略合作，为其供应GPU。", None,
     [("purchase_agreement", "xAI", "NVIDIA", "20000000000")]),
    ("OpenAI已向甲骨文采购450亿美元算力，是否续约尚不确定。", None,  # the question is about what comes after
     [("purchase_agreement", "OpenAI", "Oracle", "45000000000")]),
    # a backstop order is a purchase; a later clause saying who pays fixes the buyer of a bare deal word
    ("英偉達與CoreWeave簽了63億美元的兜底訂單，CoreWeave的算力若沒租出去，由英偉達負責買單。", None,
     [("purchase_agreement", "NVIDIA", "CoreWeave", "6300000000")]),
    ("微软与Nebius签了一份174亿美元的合同，微软负责买单。", None,
     [("purchase_agreement", "Microsoft", "Nebius", "17400000000")]),
    ("英伟达和CoreWeave签了一份63亿美元的订单。", None,  # no payer said: the supply chain decides
     [("purchase_agreement", "CoreWeave", "NVIDIA", "6300000000")]),
    # deploying a maker's goods buys them from the maker
    ("xAI的Colossus集群将使用20万颗英伟达GPU。", None, [("purchase_agreement", "xAI", "NVIDIA", None)]),
    ("Meta將在其資料中心部署10萬顆超微MI355晶片。", None, [("purchase_agreement", "Meta", "AMD", None)]),
    ("Anthropic先與Google簽了TPU大單。隨後又承諾向微軟採購300億美元的Azure算力；本月再跟亞馬遜簽了一份雲端合約。", None,
     [("purchase_agreement", "Anthropic", "Alphabet", None), ("purchase_agreement", "Anthropic", "Microsoft", "30000000000"),
      ("purchase_agreement", "Anthropic", "Amazon", None)]),
    # a sell verb: whoever the goods go 'to' buys
    ("Samsung Electronics will supply HBM chips to NVIDIA for its next systems.", None,
     [("purchase_agreement", "NVIDIA", "Samsung", None)]),
    ("Nebius sells GPU capacity to Microsoft and Meta under multiyear contracts.", None,
     [("purchase_agreement", "Microsoft", "Nebius", None), ("purchase_agreement", "Meta", "Nebius", None)]),
    # the payer buys from the one paid; that verb says who buys where a deal word read the other way only guessed
    ("Meta has agreed to pay Nebius about $3 billion over five years for dedicated GPU capacity.", None,
     [("purchase_agreement", "Meta", "Nebius", "3000000000")]),
    ("In June we signed a capacity contract with Meta, under which Meta will pay us roughly $900 million for reserved "
     "clusters.", "Harbor Compute", [("purchase_agreement", "Meta", "Harbor Compute", "900000000")]),
    ("Last year we entered into a take-or-pay agreement with Micron Technology for HBM memory.", "AMD",
     [("purchase_agreement", "AMD", "Micron", None)]),  # take-or-pay is the kind of contract, no one pays
    # a paragraph that goes on about the company named last before it: 'it' as a subject is that company,
    # not as an object ('To deliver it'); a maker before its goods lends nothing ('debt to buy NVIDIA chips')
    ("Nebius has signed several large deals this year.\n\nIn September it agreed to supply Microsoft with GPU capacity "
     "for about $17.4 billion.", None, [("purchase_agreement", "Microsoft", "Nebius", "17400000000")]),
    ("Last month OpenAI signed a $30 billion contract with Oracle.\n\nTo deliver it, we are buying more servers.", "Oracle",
     [("purchase_agreement", "OpenAI", "Oracle", "30000000000")]),
    ("CoreWeave has relied heavily on debt to buy NVIDIA chips.", None, [("purchase_agreement", "CoreWeave", "NVIDIA", None)]),
    # every name of a list of leaders is an investor; an amount right before 'valuation' is no deal's
    ("Mistral AI raised $600 million at a $6 billion valuation in a round led by Harbor Ventures and Pine Hill Capital.",
     None, [("investment", "Harbor Ventures", "Mistral AI", "600000000"),
            ("investment", "Pine Hill Capital", "Mistral AI", "600000000")]),
    # a pipe table whose header names the paying and receiving columns: a row's sides are its cells
    ("The terms.\nCommitment | From | To | Amount\nGoogle Cloud compute purchase | Anthropic | Alphabet | $10 billion", None,
     [("purchase_agreement", "Anthropic", "Alphabet", "10000000000")]),
    # 'the <noun>' after 'a … <noun>' is that new thing, not the company named before it
    ("AMD funds a GPU cloud, the cloud buys AMD chips, and the cloud rents them to Meta.", None,
     [("purchase_agreement", "cloud", "AMD", None), ("purchase_agreement", "Meta", "cloud", None)]),
    ("CoreWeave expanded in Texas, and the company buys AMD chips.", None,
     [("purchase_agreement", "CoreWeave", "AMD", None)]),
    # a company right before its models describes them ("access to Anthropic models"), no side
    ("Amazon gives qualifying startups up to $100,000 in AWS credits, plus access to Anthropic models on Bedrock.", None,
     [("credit", "Amazon", "qualifying startups", None)]),  # an "up to" amount is a ceiling
    # money that 'reached' a company went to it
    ("Most of Alphabet's $2 billion commitment reached Anthropic as Google Cloud credits.", None,
     [("credit", "Alphabet", "Anthropic", "2000000000")]),
    # a short modifier with 的 between a role word and the name: the role word still marks it
    ("亚马逊为入选的AI初创公司提供最高50万美元的云额度。", None, [("credit", "Amazon", "AI初创公司", None)]),
    ("谷歌向合資格的初創公司提供最高20萬美元的雲額度。", None, [("credit", "Alphabet", "初創公司", None)]),
    ("英伟达向入选的初創企業發放算力券。", None, [("credit", "NVIDIA", "初創企業", None)]),
    # a finance-lease line is credit from the lessor, not equity financing
    ("招商银行为CoreWeave提供了5亿美元的融资租赁额度。", None, [("credit", "招商银行", "CoreWeave", "500000000")]),
    ("Lambda從滙豐銀行取得3億美元的融資租賃額度。", None, [("credit", "HSBC", "Lambda", "300000000")]),
    # a legal suffix is one jieba word: a lessor named by it ('国银|金融租赁') is a company, 资本 ends a name;
    # an enumeration word (一是, 二是) starts none ('二是银行' is no bank)
    ("CoreWeave从国银金融租赁拿到了10亿元的融资租赁额度。", None, [("credit", "国银金融租赁", "CoreWeave", "1000000000")]),
    ("恒泰資本同意向本公司提供本金最高為港幣5億元的無抵押定期貸款。", "雲啟智算控股", [("credit", "恒泰資本", "雲啟智算控股", "500000000")]),
    ("招商金融租赁为CoreWeave提供融资租赁。", None, [("credit", "招商金融租赁", "CoreWeave", None)]),
    # a clause that only states the amount ('，金额5亿元', '，中标金额约为…') gives it to the deal of the clause before
    ("招商金融租赁为CoreWeave提供融资租赁，金额5亿元。", None, [("credit", "招商金融租赁", "CoreWeave", "500000000")]),
    ("公司收到中国移动发出的《中标通知书》，中标金额约为人民币11.8亿元（含税）。", "华擎智算",
     [("purchase_agreement", "China Mobile", "华擎智算", "1180000000")]),
    ("Lambda完成了一轮融资，由英伟达领投，规模15亿美元。", None, [("investment", "NVIDIA", "Lambda", "1500000000")]),
    ("二是银行，建设银行向我们提供了10亿元授信。", "澜算科技", [("credit", "建设银行", "澜算科技", "1000000000")]),
    ("二是银行，建设银行给了我们10亿元的授信。", "澜算科技", [("credit", "建设银行", "澜算科技", "1000000000")]),  # 给了 marks the receiver
    ("红杉中国去年给了智谱5亿元投资。", None, [("investment", "红杉中国", "Zhipu AI", "500000000")]),  # HongShan, no longer Sequoia
    # a name written out in full starts after 认购/关联方 and never ends with 注册资本; a thousands comma parts no clause
    ("公司拟以自有资金人民币3,000万元认购杭州云图科技有限公司新增注册资本。", "星河算力",
     [("investment", "星河算力", "杭州云图科技", "30000000")]),
    ("本公司擬以現金港幣2億元認購深圳雲圖科技有限公司新增註冊資本。", "星河算力",
     [("investment", "星河算力", "深圳雲圖科技", "200000000")]),
    # jieba glues a one-character role word to a full name's first character ('为鲲|程智算'): the name starts after it
    ("招商银行为鲲程智算（上海）有限公司提供5亿元贷款。", None, [("credit", "招商银行", "鲲程智算（上海）", "500000000")]),
    ("同意公司为鲲程智算（上海）有限公司提供连带责任保证担保。", "鲲程科技", [("credit", "鲲程科技", "鲲程智算（上海）", None)]),
    ("公司预计2026年向关联方苏州云桥数据有限公司采购机柜服务。", "星河算力", [("purchase_agreement", "星河算力", "苏州云桥数据", None)]),
    ("本公司預計向關聯方台北雲橋數據有限公司租用機櫃。", "星河算力", [("purchase_agreement", "星河算力", "台北雲橋數據", None)]),
    ("珠海华发集团已向智谱战略投资5亿元。", None, [("investment", "珠海华发", "Zhipu AI", "500000000")]),  # 集团 still ends a name
    # the customer after a copula buys from the company whose customer it is; 'X是Y的最大客户' keeps X the buyer
    ("Nebius的最大客户是微软。", None, [("purchase_agreement", "Microsoft", "Nebius", None)]),
    ("Nebius的最大客戶為微軟，占營收逾六成。", None, [("purchase_agreement", "Microsoft", "Nebius", None)]),
    ("Nebius的主要客户包括微软和Meta。", None, [("purchase_agreement", "Microsoft", "Nebius", None),
                                              ("purchase_agreement", "Meta", "Nebius", None)]),
    ("微软是Nebius的最大客户。", None, [("purchase_agreement", "Microsoft", "Nebius", None)]),
    ("微軟是Nebius的最大客戶。", None, [("purchase_agreement", "Microsoft", "Nebius", None)]),
    # a change stated, beside a saving per year: no supposition
    ("微软将服务器的折旧年限从4年延长至6年。", None, [("depreciation_change", "Microsoft", None, None)]),
    ("微軟將伺服器的折舊年限由4年延長至6年，每年可節省約30億美元。", None, [("depreciation_change", "Microsoft", None, None)]),
    # the old life written after the new one (原为, 原来是) is one change, not a second event
    ("自2025年10月1日起，公司将服务器及网络设备的折旧年限调整为5年（原为3年）。", "鲲云科技",
     [("depreciation_change", "鲲云科技", None, None)]),
    ("我们把国产GPU服务器的折旧年限缩短到了4年，原来是5年。", "鲲云科技", [("depreciation_change", "鲲云科技", None, None)]),
    ("亚马逊把一部分服务器的使用年限从6年缩短回5年。", None, [("depreciation_change", "Amazon", None, None)]),
    # with no filer, a report whose title names a company with its stock code is about it: 公司 is that company
    ("润川数据（300XXX.SZ）首次覆盖报告\n\n公司于9月获得国家开发银行20亿元项目贷款，用于廊坊二期建设。", None,
     [("credit", "国家开发银行", "润川数据", "2000000000")]),
    ("【公司深度】鴻海(2317)法說會重點\n\n公司本季向輝達採購GB300機櫃。", None, [("purchase_agreement", "Foxconn", "NVIDIA", None)]),
    ("【海外软件】甲骨文FY26Q1点评：RPO爆发式增长\n\n市场传闻xAI也在与公司洽谈大额云合同。", None,
     [("purchase_agreement", "xAI", "Oracle", None)]),
    # a deal word says no direction: a company the table does not know sells to an AI lab (tier 0, the end of the chain)
    ("贵州云栈智算有限公司与字节跳动签订机柜租赁合同，金额45亿元。", None,
     [("purchase_agreement", "ByteDance", "贵州云栈智算", "4500000000")]),
    ("Harbor Compute, Inc. signed a $2 billion contract with OpenAI.", None,
     [("purchase_agreement", "OpenAI", "Harbor Compute", "2000000000")]),
    # '，由X牵头' and a clause that only states the amount ('，规模26亿美元') go on with the deal before them;
    # a call's title ('CoreWeave 2025年三季度业绩电话会纪要') names whom 公司 means
    ("CoreWeave 2025年三季度业绩电话会纪要\n\n公司7月完成了第三期延迟提款定期贷款（DDTL 3.0），规模26亿美元，由摩根士丹利和三菱日联牵头。",
     None, [("credit", "Morgan Stanley", "CoreWeave", "2600000000"), ("credit", "MUFG", "CoreWeave", "2600000000")]),
    # the other side of a subscription agreement subscribes the filer's new shares; '，認購總額為…' is its amount
    ("同日，本公司與阿里巴巴集團控股有限公司之全資附屬公司訂立認購協議，據此本公司將按每股港幣6.50元配發及發行1.2億股新股份，"
     "認購總額為港幣7.8億元。", "雲啟智算控股", [("investment", "Alibaba", "雲啟智算控股", None)]),
    ("公司与腾讯签订认购协议，认购总额为5亿元。", "星河算力", [("investment", "Tencent", "星河算力", "500000000")]),
    # '其中包括X…合同': one of the deals of the company the text is about; 、 parts the amount from the deal word
    ("甲骨文本季度与三家不同客户签署了四份价值数十亿美元的合同。据媒体报道，其中包括OpenAI一份约3000亿美元、为期五年的算力合同。",
     None, [("purchase_agreement", "OpenAI", "Oracle", "300000000000")]),
    # '授信资金' is the money of a loan told before, spent on a purchase: no new loan
    ("授信资金将主要用于向浪潮电子信息产业股份有限公司采购AI服务器。", "瀚云科技", [("purchase_agreement", "瀚云科技", "Inspur", None)]),
    # a modifier with 的 of up to ten characters between 与 and the name: 与 still marks it
    ("微軟本月再與澳洲比特幣礦商轉型的IREN簽署約97億美元的五年期人工智能雲端服務合約。", None,
     [("purchase_agreement", "Microsoft", "IREN", "9700000000")]),
    # capacity rented through a cloud (通过X租用) is bought from it
    ("Meta最早明年还可能先通过谷歌云租用TPU算力。", None, [("purchase_agreement", "Meta", "Alphabet", None)]),
    # 本次 / 此次 before a deal word name the deal just told: a risk stated about it is no second deal
    ("公司拟以自有资金人民币5,000万元认购上海星图智能科技有限公司新增注册资本。本次投资存在标的公司经营不及预期的风险，"
     "公司可能无法收回全部投资成本。", "启明算力科技", [("investment", "启明算力科技", "上海星图智能科技", "50000000")]),
    # a bid won (中标): the winner sells, the one who tendered buys; the announcing company is never the implied buyer
    ("公司近日收到中国移动通信集团有限公司发出的《中标通知书》。", "华擎智算",
     [("purchase_agreement", "China Mobile", "华擎智算", None)]),
    ("浪潮信息中标中国移动AI服务器集中采购项目。", None, [("purchase_agreement", "China Mobile", "Inspur", None)]),
    # a list before a 与-partner signs with it, each of them ('Meta和谷歌云、CoreWeave签了合同': the first with the others)
    ("市场传闻xAI和Meta也在与甲骨文洽谈大额云合同。", None,
     [("purchase_agreement", "xAI", "Oracle", None), ("purchase_agreement", "Meta", "Oracle", None)]),
    # a site or capacity used by lease is rented
    ("微软将通过租赁方式取得CoreWeave的算力。", None, [("purchase_agreement", "Microsoft", "CoreWeave", None)]),
    # a restructuring beside a deal with its amount stated leaves the deal
    ("10月重组之后，OpenAI与微软签下2500亿美元的Azure服务采购协议。", None,
     [("purchase_agreement", "OpenAI", "Microsoft", "250000000000")]),
    # a cloud's name (jieba keeps the alias whole) and 额度 together are cloud credits
    ("亚马逊通过加速器计划向入选的初创公司发放最高100万美元的AWS云额度。", None, [("credit", "Amazon", "初创公司", None)]),
    ("阿里巴巴向入選的初創企業發放最高15萬美元的阿里雲額度。", None, [("credit", "Alibaba", "初創企業", None)]),
    ("OpenAI从阿里云采购算力。", None, [("purchase_agreement", "OpenAI", "Alibaba", None)]),  # the cloud alone: no credit
    # a round's investors: the leader (由) and the followers (跟投, 继续加码) all invest in the company the text is about
    ("AI芯片公司「星澜微电子」宣布完成5亿元C轮融资。本轮由经纬创投领投，百度风投、美团龙珠跟投，老股东深创投继续加码。", None,
     [("investment", "经纬创投", "星澜微电子", None),
      ("investment", "百度风投", "星澜微电子", None), ("investment", "美团龙珠", "星澜微电子", None),
      ("investment", "深创投", "星澜微电子", None)]),
    # a deal word with no direction between a company the supply table does not know and a cloud or internet company:
    # the unknown company supplies ('与腾讯签订算力服务合同', '与中国电信签订采购框架协议')
    ("公司与腾讯签订了为期三年的算力服务合同，合同总额约9亿元。", "云岫数据",
     [("purchase_agreement", "Tencent", "云岫数据", "900000000")]),
    ("我们和快手签了一份两年的算力服务合同，大概5亿元。", "云岫数据", [("purchase_agreement", "快手", "云岫数据", None)]),
    ("公司已与中国电信签订首批加速卡采购框架协议。", "星澜微电子", [("purchase_agreement", "中国电信", "星澜微电子", None)]),
    # a name after a trade noun or with its stock code: 公司 then points at it
    ("1. 星澜科技（6xxx）：公司公告与小米集团续订算力服务框架协议，金额约8亿元。", None,
     [("purchase_agreement", "Xiaomi", "星澜科技", "800000000")]),
    ("本地數據中心營運商澄海數據昨日公布，獲渣打銀行提供港幣10億元定期貸款。", None, [("credit", "渣打銀行", "澄海數據", "1000000000")]),
    ("公司向平安租赁做了一笔2亿元的售后回租，并向壁仞科技采购了一批加速卡。", "云岫数据",
     [("purchase_agreement", "云岫数据", "壁仞科技", None)]),
    # 投资平台 names a holder's vehicle, not an investment: the placement is the deal
    ("公司宣佈以每股5港元向淡馬錫旗下投資平台配售3,000萬股新股，集資約1.5億港元。", "星澜科技",
     [("investment", "Temasek", "星澜科技", None)]),
    # joint-venture holdings: a second holder with no company of its own holds in the venture the first one named
    ("Funds managed by Blue Owl Capital own 80% of the Beignet Investor joint venture, and Meta kept the other 20%.", None,
     [("investment", "Blue Owl Capital", "Beignet Investor", None), ("investment", "Meta", "Beignet Investor", None)]),
    ("Blackstone holds 60% of the Cedar Point Data joint venture and Oracle retains the remaining 40%.", None,
     [("investment", "Blackstone", "Cedar Point Data", None), ("investment", "Oracle", "Cedar Point Data", None)]),
    ("Meta kept 20% of Beignet Investor LLC, and Blue Owl funds own the other 80%.", None,
     [("investment", "Meta", "Beignet Investor", None), ("investment", "Blue Owl Capital", "Beignet Investor", None)]),
    # a filing's defined term for a side is the company it names, not the filer ('the "Company"' stays the filer)
    ('Ironvale Data Holdings, LLC (the "Borrower"), a subsidiary of Ironvale Digital Corp. (the "Company"), signed a credit '
     'agreement. The Company has guaranteed the Borrower\'s obligations. The Borrower repaid the $400 million bridge loan '
     'it received from Macquarie Group.', "Ironvale Digital",
     [("credit", "Ironvale Digital", "Ironvale Data", None),
      ("credit", "Macquarie Group", "Ironvale Data", "400000000")]),  # Holdings: a legal suffix
    ("Issuer: Lakeshore Compute Funding I LLC, a subsidiary of Fluidstack Ltd.\nCollateral: 14,000 GPUs, which the Issuer "
     "has ordered from Dell Technologies.", None,  # a term sheet's label line defines the term too
     [("purchase_agreement", "Lakeshore Compute Funding I", "Dell Technologies", None)]),
    # 'secured' before a debt word is the adjective, no receive cue: the lenders that provide stay the lenders
    ("A syndicate of lenders led by Wells Fargo provided Lambda a $1.25 billion senior secured term loan.", None,
     [("credit", "Wells Fargo", "Lambda", "1250000000")]),
    # the verb before the order: who places it buys from the company it is placed with
    ("To serve that agreement we placed orders with Dell Technologies for GB300 systems totaling $1.1 billion.",
     "Larkspur Cloud", [("purchase_agreement", "Larkspur Cloud", "Dell Technologies", "1100000000")]),
    ("Nscale placed a $2 billion order with Super Micro Computer for GB300 racks.", None,
     [("purchase_agreement", "Nscale", "Super Micro Computer", "2000000000")]),
    # a further tranche with no subject of its own: one more event of the deal before it, with its own amount
    ("JPMorgan lent $2.3 billion to Crusoe in 2024, then came back in May 2025 with a $7.1 billion loan.", None,
     [("credit", "JPMorgan Chase", "Crusoe", "2300000000"), ("credit", "JPMorgan Chase", "Crusoe", "7100000000")]),
    ("Alphabet agreed to invest $2 billion in Anthropic in 2023, and put in a further $1 billion in January.", None,
     [("investment", "Alphabet", "Anthropic", "2000000000"), ("investment", "Alphabet", "Anthropic", "1000000000")]),
    # investor nouns: who is named an investor holds a stake in the company whose investor it is
    ("Lambda counts NVIDIA among its investors.", None, [("investment", "NVIDIA", "Lambda", None)]),
    ("Crusoe's investors include NVIDIA and Mubadala.", None,
     [("investment", "NVIDIA", "Crusoe", None), ("investment", "Mubadala", "Crusoe", None)]),
    ("Anysphere closed a $2.3 billion round last month. Accel and Coatue co-led; NVIDIA and Google came in as new "
     "strategic investors.", None,
     [("investment", "Accel", "Anysphere", None), ("investment", "Coatue", "Anysphere", None),
      ("investment", "NVIDIA", "Anysphere", None), ("investment", "Alphabet", "Anysphere", None)]),
    # investors after a role word are a side as written (bond buyers), no investor noun of a stake
    ("Oracle sold $18 billion of senior notes to institutional investors.", None,
     [("credit", "institutional investors", "Oracle", "18000000000")]),
    # a party's part of a round: the first amount, not the whole round after 'of X's' / 'to the startup's'
    ("SoftBank agreed to provide $30 billion of OpenAI's $40 billion funding round.", None,
     [("investment", "SoftBank", "OpenAI", "30000000000")]),
    # 公司/本公司 that only owns the subsidiary named next: the subsidiary is the side (roles.yaml owner_of_next)
    ("本公司之全資附屬公司星衡數據（香港）有限公司已與聯想集團訂立採購協議，總代價約港幣8億元。", "星衡控股",
     [("purchase_agreement", "星衡數據（香港）", "Lenovo", "800000000")]),
    ("公司全资子公司澄岳智算有限公司与中国联通签订机柜租赁合同，租用其数据中心800个机柜，合同金额约2.1亿元。", "澄岳科技",
     [("purchase_agreement", "澄岳智算", "中国联通", "210000000")]),
    # 为/对 before a subsidiary descriptor (全资子公司, 美國子公司) marks the name after it
    ("董事会同意公司为全资子公司澄岳智算有限公司向中国工商银行申请不超过5亿元综合授信额度。", "澄岳科技",
     [("credit", "中国工商银行", "澄岳智算", None)]),  # 不超过: amount_high
    ("董事會通過對美國子公司嘉岳亞利桑那公司增資3億美元，用於新廠建置。", "嘉岳電腦",
     [("investment", "嘉岳電腦", "嘉岳亞利桑那", "300000000")]),
    # a guarantee of a line a subsidiary applies for: the guarantor stands behind the borrower (为 X), the bank after
    # 向 lends the line and is no side of the guarantee
    ("同意公司为澄岳智算（上海）有限公司向中国工商银行申请的不超过5亿元授信提供连带责任保证担保。", "澄岳科技",
     [("credit", "中国工商银行", "澄岳智算（上海）", None), ("credit", "澄岳科技", "澄岳智算（上海）", None)]),
    ("公司拟为全资子公司澄岳智算有限公司向江苏银行申请的综合授信额度提供担保，担保金额不超过3亿元。", "澄岳科技",
     [("credit", "江苏银行", "澄岳智算", None), ("credit", "澄岳科技", "澄岳智算", None)]),
    # a seller right before the purchase word outranks the maker of the goods inside the object
    ("公司拟向浪潮信息采购搭载英伟达H20 GPU的服务器，合同金额约6亿元。", "澄岳科技",
     [("purchase_agreement", "澄岳科技", "Inspur", "600000000")]),
    # wire headlines in capitals: read with the alias table's names cased back
    ("14:10 *AMAZON TO INVEST $4B IN ANTHROPIC", None, [("investment", "Amazon", "Anthropic", "4000000000")]),
    ("*ORACLE SIGNS $30B CLOUD CONTRACT WITH OPENAI", None,
     [("purchase_agreement", "OpenAI", "Oracle", "30000000000")]),
    ("*META TO BUY ABOUT $2.5B OF SERVERS FROM DELL", None,
     [("purchase_agreement", "Meta", "Dell Technologies", "2500000000")]),
    ("*CRUSOE GETS $750M CREDIT FACILITY FROM BLUE OWL", None,
     [("credit", "Blue Owl Capital", "Crusoe", "750000000")]),
    # a highlight bullet with its subject left out is the filer's own news
    ("- Received a $250 million strategic investment from AMD, which now holds about 4% of the company.",
     "Pinecrest Compute", [("investment", "AMD", "Pinecrest Compute", "250000000")]),
    ("- Closed a $900 million GPU-backed financing, with Blackstone and Magnetar each providing half of the notes.",
     "Pinecrest Compute", [("credit", "Blackstone", "Pinecrest Compute", "900000000"),
                           ("credit", "Magnetar", "Pinecrest Compute", "900000000")]),
    # venture investors and development banks the alias table knows
    ("Mistral AI raised EUR 600 million in a round led by General Catalyst, with Index Ventures and Point Nine also "
     "participating.", None, [("investment", "General Catalyst", "Mistral AI", "600000000"),
                              ("investment", "Index Ventures", "Mistral AI", None),
                              ("investment", "Point Nine", "Mistral AI", None)]),
    ("The European Investment Bank lent EUR 50 million to Nscale.", None,
     [("credit", "European Investment Bank", "Nscale", "50000000")]),
    # power or space acquired is bought, no stake
    ("Nebius acquired 200 MW of capacity from Applied Digital for $1 billion.", None,
     [("purchase_agreement", "Nebius", "Applied Digital", "1000000000")]),
    ("- Agreed to acquire 96 MW of powered shell from Lumen Ridge Properties for $265 million in cash.", "Pinecrest Compute",
     [("purchase_agreement", "Pinecrest Compute", "Lumen Ridge Properties", "265000000")]),
    # the stock of a company names it, known or not ("stock of Halden Optics"); a long stretch before "stock"
    ("In May we invested $45 million in the Series C preferred stock of Halden Optics, a maker of photonic switches.",
     "Veridian Semiconductor", [("investment", "Veridian Semiconductor", "Halden Optics", "45000000")]),
    ("Microsoft first invested $200 million in Nebius in 2024 and purchased an additional $150 million of our Class A "
     "ordinary shares in the March offering.", "Nebius",
     [("investment", "Microsoft", "Nebius", "200000000"), ("investment", "Microsoft", "Nebius", "150000000")]),
    # who commits equity invests it; the issuer that sells its stock is the other way round
    ("Brookfield has committed $2 billion of preferred equity to our data-center business.", "Applied Digital",
     [("investment", "Brookfield", "Applied Digital", "2000000000")]),
    ("Eastlake Infrastructure Partners contributed $300 million of common equity to Saltmarsh Data Holdings LLC, the campus "
     "vehicle.", None, [("investment", "Eastlake Infrastructure Partners", "Saltmarsh Data", "300000000")]),
    # a company with a legal suffix right after a buy verb is bought whole: an acquisition, not goods
    ("The complaint alleged that the directors caused Oracle to agree to purchase NetSuite Inc. at an excessive price.",
     None, [("investment", "Oracle", "NetSuite", None)]),
    ("Microsoft agreed to buy Pellham Networks, Inc. for $1.2 billion in cash.", None,
     [("investment", "Microsoft", "Pellham Networks", "1200000000")]),
    ("Microsoft agreed to buy NVIDIA GPUs from Pellham Networks, Inc. for $1.2 billion.", None,
     [("purchase_agreement", "Microsoft", "Pellham Networks", "1200000000")]),  # goods, from the seller
    # 'the round' after a ';' is the round the clause before told
    ("In May we issued 10 million shares of Series C preferred stock for $300 million in a round led by Thrive Capital; "
     "AMD also participated in the round.", "Halden Compute",
     [("investment", "Thrive Capital", "Halden Compute", "300000000"), ("investment", "AMD", "Halden Compute", None)]),
    # 'it' after 'the Company' in its sentence is the filer, not the company of the sentence before
    ("Meta signed an order form for capacity. The Company expects to use the borrowings to pay for GB300 systems it "
     "has ordered from Dell Technologies.", "CoreWeave", [("purchase_agreement", "CoreWeave", "Dell Technologies", None)]),
    # a headline's second verb after a comma: the first one's object is no side of it, unless it names its own
    ("Lambda strikes $1.5 billion cloud deal with Microsoft, lines up GPU financing", None,
     [("purchase_agreement", "Microsoft", "Lambda", "1500000000")]),  # Microsoft lends nothing
    ("Lambda raises $480 million, lines up $500 million loan from Macquarie", None,
     [("credit", "Macquarie Group", "Lambda", "500000000")]),
    # who is arranging financing for a company gives it ('arranging' as 'arranged')
    ("Dell Financial Services is reportedly arranging financing for part of xAI's server order.", None,
     [("credit", "Dell Technologies", "xAI", None)]),
    # a capitalised name after 'stock of' is the issuer the filer invests in
    ("During the quarter we invested $30 million in the Series B preferred stock of Lumora Photonics, a developer of "
     "co-packaged optics.", "Veridian Semiconductor",
     [("investment", "Veridian Semiconductor", "Lumora Photonics", "30000000")]),
    # debt told by where it is carried lends nothing; the lease in the same sentence is a deal
    ("Meta then leases the campus back from Blue Owl Capital, so the debt never shows up on its balance sheet.", None,
     [("purchase_agreement", "Meta", "Blue Owl Capital", None)]),
    # the leases that secure a loan are its collateral, no rent of their own
    ("We also extended a $250 million revolving credit line to Lambda in August, secured by its Ellendale leases.",
     "Summit Federal Bancorp", [("credit", "Summit Federal Bancorp", "Lambda", "250000000")]),
    # the answer to a question line states the deal
    ("Q: Did NVIDIA guarantee the loans? A: No, but NVIDIA invested $2 billion in xAI in 2025.", None,
     [("investment", "NVIDIA", "xAI", "2000000000")]),
    # a landlord's lease with a neocloud: the rent is its price, the supply chain says who rents
    ("- A 10-year lease with CoreWeave for 36 MW in Reno, with base rent of about $48 million per year.",
     "Larchmont Data Realty", [("purchase_agreement", "CoreWeave", "Larchmont Data Realty", "48000000")]),
    ("Signed a 15-year lease with Lambda for 20 MW at our Austin campus, at an annualized base rent of $30 million.",
     "Larchmont Data Realty", [("purchase_agreement", "Lambda", "Larchmont Data Realty", "30000000")]),
    # an item of a 、 list that names its own subject takes no side from another item; a stake got through
    # a partnership (与X合作…获取股份) comes from the partner named last, after the party
    ("美超微财报延期、甲骨文狂发债、Amazon自己投自己、微软玩Azure credit、英伟达投钱给Lambda。", None,
     [("investment", "NVIDIA", "Lambda", None)]),
    ("xAI靠签单拉动股价，如与戴尔签约后戴尔当天大涨，还通过与英伟达、AMD等合作，以订单推动股价上涨并获取股份。", None,
     [("purchase_agreement", "xAI", "Dell Technologies", None), ("investment", "xAI", "NVIDIA", None), ("investment", "xAI", "AMD", None)]),
    # two banks that arrange one loan together (由A及B共同主辦): both lend; a boundary word jieba glues to a
    # learned name ('及兆豐', '以兆豐') is no part of it
    ("我們於8月完成一筆新台幣120億元的聯合授信，由臺灣銀行及兆豐銀行共同主辦。", "晶宸電腦",
     [("credit", "臺灣銀行", "晶宸電腦", "12000000000"), ("credit", "兆豐銀行", "晶宸電腦", "12000000000")]),
    ("本集團取得由滙豐及中銀香港安排的港幣18億元銀團貸款。", "海峰數據",
     [("credit", "HSBC", "海峰數據", "1800000000"), ("credit", "中銀香港", "海峰數據", "1800000000")]),
    ("公司取得以兆豐銀行為主辦行的銀行團新台幣50億元聯合授信。", "晶宸電腦",
     [("credit", "兆豐銀行", "晶宸電腦", "5000000000")]),
    # placements to unnamed placees: the phrase as written is the party (corpora/README.md); a price per share is
    # no amount, the net proceeds told after it are
    ("本公司按每股2.8港元向不少於六名獨立承配人配售2億股新股，所得款項淨額約港幣5.5億元。", "海峰數據",
     [("investment", "不少於六名獨立承配人", "海峰數據", "550000000")]),
    ("本公司與配售代理訂立配售協議，據此，配售代理同意以每股配售股份2.8港元的價格，向不少於六名承配人配售最多90,000,000股新股份。",
     "海峰數據",
     [("investment", "不少於六名承配人", "海峰數據", None)]),
    # the proceeds of a placing told before are no new placing; the loan they repay is a deal
    ("配售所得款項淨額約港幣5.5億元，其中約30%用於償還渣打銀行於2023年向本集團提供的港幣3億元循環貸款。", "海峰數據",
     [("credit", "渣打銀行", "海峰數據", "300000000")]),
    # items of a 、 list that share the deal word at the end: one deal each, with its own side and amount
    ("同意公司向招商银行申请不超过8亿元、向中国银行申请不超过6亿元、向兴业银行申请不超过3亿元的综合授信额度。", "华岭智算",
     [("credit", "招商银行", "华岭智算", None), ("credit", "中国银行", "华岭智算", None), ("credit", "兴业银行", "华岭智算", None)]),
    # the parties of a joint deal, each with its own share after 其中: the share, not the whole, on each
    ("微软拟与英伟达共同对Anthropic增资60亿美元，其中微软以现金出资40亿美元，英伟达以现金出资20亿美元。", None,
     [("investment", "Microsoft", "Anthropic", "4000000000"), ("investment", "NVIDIA", "Anthropic", "2000000000")]),
    # a learned name goes by its short form, without its trade word ('海岚數據' ... '海岚'); not a short form that
    # starts another learned name
    ("本地數據中心營運商海岚數據昨日公布業績。海岚已與字節跳動簽訂機房租賃協議。", None,
     [("purchase_agreement", "ByteDance", "海岚數據", None)]),
    # a boundary word glued to a learned name goes however many characters it has ('已獲|中國銀行'); a place in
    # brackets after the name is part of it; 该行 is the bank named last; a company 旗下 another is the one that acts
    ("本公司同時披露，已獲中國銀行（香港）提供港幣6億元銀團貸款承諾。", "嵐峰數據",
     [("credit", "中國銀行（香港）", "嵐峰數據", "600000000")]),
    ("记者从宁夏银行获悉，该行已向华岭智算有限公司发放5亿元项目贷款。", None,
     [("credit", "宁夏银行", "华岭智算", "500000000")]),
    ("阿里巴巴旗下平头哥已中标中国联通AI服务器集采项目，中标金额约8亿元。", None,
     [("purchase_agreement", "中国联通", "平头哥", "800000000")]),
    # who is given a stake holds it (X给了Y认股权证: Y invests in X); the company of the stake's own clause is its other
    # side, before one of an earlier clause; '持股比例…' is the size of the stake just told
    ("博通反手给了xAI一份认股权证，最多可认购2000万股博通股票。", None, [("investment", "xAI", "Broadcom", None)]),
    ("谷歌为Fluidstack的租赁义务提供担保，作为回报，谷歌获得可认购约3000万股Cipher Mining股票的认股权证，持股比例将升至约9%。",
     None, [("credit", "Alphabet", "Fluidstack", None), ("investment", "Alphabet", "Cipher Mining", None)]),
    # a group's finance company is one name (恒川|集团|财务|有限公司); '融资方面' is a topic, no deal; a 、 between the
    # modifiers of one deal word parts no clause ('一笔8亿元、期限五年的项目贷款')
    ("恒川集团财务有限公司拟为公司提供不超过10亿元的综合授信额度。", "恒川云算",
     [("credit", "恒川集团财务", "恒川云算", None)]),
    ("融资方面，9月份我们从工商银行获得了一笔8亿元、期限五年的项目贷款。", "澜峰科技",
     [("credit", "工商银行", "澜峰科技", "800000000")]),
    # a maker with its other name in brackets before its goods ('超威（AMD）MI355X GPU') sells them
    ("甲骨文宣布将在其云平台部署3万颗超威（AMD）MI355X GPU。", None, [("purchase_agreement", "Oracle", "AMD", None)]),
    # a name ending in a trade word where a side stands (与X科技签订, 比如X智算今年从…) is learned; 后者 is then it
    ("记者从宁夏银行获悉，该行已向岚川智算有限公司发放5亿元项目贷款。岚川智算同日与云图科技签订算力租赁协议，后者将租用其1000P算力。",
     None, [("credit", "宁夏银行", "岚川智算", "500000000"), ("purchase_agreement", "云图科技", "岚川智算", None)]),
    ("比如澜峰智算今年从华融金融租赁拿到了6亿元的融资租赁额度。", None, [("credit", "华融金融租赁", "澜峰智算", "600000000")]),
    # a Latin name with a venture firm's suffix is a company (IDG资本); a clause that only states a round's amount
    # (融资额约…) gives it to the round's leader after it
    ("智谱已完成新一轮融资，融资额约3亿美元，由GGV资本领投，腾讯跟投。", None,
     [("investment", "GGV资本", "Zhipu AI", "300000000"), ("investment", "Tencent", "Zhipu AI", None)]),
    # '合同金额…' names the amount of the contract just told, no second contract; told alone, it is the deal
    ("公司全资子公司澄川智算于2025年5月与字节跳动签订算力服务合同，合同金额约8.4亿元。", "澄川数据",
     [("purchase_agreement", "ByteDance", "澄川智算", "840000000")]),
    # a known company's legal name after its city is that company (roles.yaml place_prefix); an unknown one stays as written
    ("2025年3月，公司与北京字节跳动网络技术有限公司签订《算力服务框架合同》，合同预计总金额约人民币18.6亿元。", "曜算科技",
     [("purchase_agreement", "ByteDance", "曜算科技", "1860000000")]),
    ("公司向深圳市腾讯计算机系统有限公司提供算力租赁服务，合同金额约5亿元。", "曜算科技",
     [("purchase_agreement", "Tencent", "曜算科技", "500000000")]),
    ("公司拟以自有资金5000万元向上海星图智能科技有限公司增资。", "曜算科技",
     [("investment", "曜算科技", "上海星图智能科技", "50000000")]),
    # a Latin name after a class noun (子公司, 特殊目的公司) is a company; 该子公司 is the last subsidiary so named,
    # 该公司 with no company before it the one so named in the sentence before; who announces (公告, 表示) is no side
    ("緯創董事會通過，對美國德州子公司Wistron InfoComm (Texas)增資美元5億元。"
     "同日，緯創公告該子公司取得以兆豐銀行為主辦行的銀行團美元8億元聯合授信。", None,
     [("investment", "Wistron", "Wistron InfoComm (Texas)", "500000000"),
      ("credit", "兆豐銀行", "Wistron InfoComm (Texas)", "800000000")]),
    ("本月初，阿波羅(Apollo)牽頭向特殊目的公司Valor Compute Infrastructure提供約35億美元貸款。該公司將以所得資金向英偉達採購GPU。",
     None, [("credit", "Apollo", "Valor Compute Infrastructure", "3500000000"),
            ("purchase_agreement", "Valor Compute Infrastructure", "NVIDIA", None)]),
    ("公司董事会同意向全资子公司Helix Compute (Nevada)增资2亿美元。", "澄岳科技",
     [("investment", "澄岳科技", "Helix Compute (Nevada)", "200000000")]),
    ("摩根大通向特殊目的公司Beacon Compute提供20亿美元贷款。软银表示，该公司将向英伟达采购GPU。", None,
     [("credit", "JPMorgan Chase", "Beacon Compute", "2000000000"), ("purchase_agreement", "SoftBank", "NVIDIA", None)]),
    ("华为表示，腾讯已向浪潮信息采购服务器。", None, [("purchase_agreement", "Tencent", "Inspur", None)]),
    # names with a trade word and no legal suffix, listed next to each other or as a numbered heading, are companies
    ("最近我翻了三家公司——澜岳科技、启衡数据、云澈网络——的公告。中移资本今年9月以增资方式入股云澈网络，持股5%。", None,
     [("investment", "中移资本", "云澈网络", None)]),
    ("二、启衡数据\n故事最好听。公司公告称与阿里云签署了算力服务合作意向书，但没有金额。", None,
     [("purchase_agreement", "Alibaba", "启衡数据", None)]),
    # an announcement's label lines: 交易相對人 sells (buys in a disposal), to the subsidiary the announcement brought in
    # or to the filer; 資金貸與對象 / 被背書保證之公司 receive the filer's loan or guarantee; the amount is on its own line
    ("宏晟雲端　代子公司宏晟智算股份有限公司公告取得機器設備\n\n1.標的物之名稱及性質：AI伺服器機櫃共48櫃\n"
     "2.交易總金額：新台幣38.4億元\n3.交易相對人及其與公司之關係：廣達電腦股份有限公司；非屬關係人", "宏晟雲端",
     [("purchase_agreement", "宏晟智算", "Quanta", "3840000000")]),
    ("嘉岳電腦　公告取得使用權資產\n1.交易相對人：中華電信股份有限公司；非屬關係人\n2.交易總金額：新台幣8.6億元", "嘉岳電腦",
     [("purchase_agreement", "嘉岳電腦", "中華電信", "860000000")]),
    ("嘉岳電腦　公告處分機器設備\n\n1.交易相對人：中華電信股份有限公司；非屬關係人\n2.交易總金額：新台幣8.6億元", "嘉岳電腦",
     [("purchase_agreement", "中華電信", "嘉岳電腦", "860000000")]),
    ("二、公告本公司資金貸與子公司\n1.資金貸與對象：聯碩智能股份有限公司\n2.本次貸與金額：新台幣5億元\n3.貸與期限：自撥款日起一年",
     "聯碩雲算", [("credit", "聯碩雲算", "聯碩智能", "500000000")]),
    # a change stated with its old and new life stands beside a no-change of other assets
    ("公司自2025年1月1日起将服务器折旧年限由4年调整为5年，其他类别固定资产的会计估计未发生变更。", "澄岳科技",
     [("depreciation_change", "澄岳科技", None, None)]),
    ("公司自2025年1月1日起将服务器折旧年限由4年调整为5年，其他类别固定资产的折旧年限未调整。", "澄岳科技",
     [("depreciation_change", "澄岳科技", None, None)]),
    # who buys a company's notes or bonds lends to the issuer: named after 'of', before in the sentence, or the sentence before
    ("Vantage Data Centers issued $3 billion of asset-backed notes, and Blackstone bought roughly $1 billion of them.",
     None, [("credit", "Blackstone", "Vantage Data Centers", "1000000000")]),
    ("Aligned Data Centers priced $900 million of secured notes in March. Apollo funds took about $300 million of the "
     "notes.", None, [("credit", "Apollo", "Aligned Data Centers", "300000000")]),
    ("Pimco bought $2 billion of Oracle's bonds in the September offering.", None,
     [("credit", "Pimco", "Oracle", "2000000000")]),
    ("Meta sold $30 billion of bonds in October; Pimco bought about $5 billion of the $30 billion of bonds, and "
     "BlackRock was among the other buyers of the notes.", None,
     [("credit", "Pimco", "Meta", "5000000000"), ("credit", "BlackRock", "Meta", None)]),
    # the side a clause after 'under which' / 'pursuant to which' leaves out is the subject before it
    ("Lambda entered into a credit agreement pursuant to which Macquarie Group agreed to lend up to $500 million.", None,
     [("credit", "Macquarie Group", "Lambda", None)]),
    ("In June, Nscale entered into a Credit Agreement under which a syndicate of lenders led by Goldman Sachs Bank USA "
     "provided a $700 million senior secured term loan.", None, [("credit", "Goldman Sachs", "Nscale", "700000000")]),
    ("Oracle signed a lease with Vantage Data Centers under which Vantage will build two campuses.", None,
     [("purchase_agreement", "Oracle", "Vantage Data Centers", None)]),
    # who acquires a stake 'from' a holder buys it from the seller: the stake is in the company after 'in'
    ("MGX acquired a stake in G42 from Mubadala for $1.5 billion.", None, [("investment", "MGX", "G42", "1500000000")]),
    ("Microsoft acquired a 4% stake in G42 from Mubadala.", None, [("investment", "Microsoft", "G42", None)]),
    # a venture the text does not name is a side as written; a holder with its own share is listed with no one
    ("Blue Owl holds 80% of the joint venture, Meta 20%.", None,
     [("investment", "Blue Owl Capital", "joint venture", None)]),
    ("Brookfield holds 51% of the joint venture and Lambda kept the other 49%.", None,
     [("investment", "Brookfield", "joint venture", None), ("investment", "Lambda", "joint venture", None)]),
    # the contract a loan is secured by, named after a comma that goes on listing the collateral, lends nothing
    ('On May 2, 2026, Larkspur Compute Holdings, LLC (the "Borrower") entered into a $900 million term loan with '
     "Blackstone. The loans are secured by the Borrower's equipment, including its GB300 systems, and by an assignment "
     "of the Borrower's rights under its master services agreement with Mistral AI.", None,
     [("credit", "Blackstone", "Larkspur Compute", "900000000"),
      ("purchase_agreement", "Mistral AI", "Larkspur Compute", None)]),
    # a loan repayable over up to three years changes no server's useful life
    ("During 2024, Supermicro extended $800 million of financing to us for servers purchased from it, repayable over "
     "terms of up to three years.", "Nscale", [("credit", "Super Micro Computer", "Nscale", "800000000")]),
]

# sentences that state no event
NON_EVENTS = [
    ("Depreciation is computed on a straight-line basis over 3 to 5 years.", "Microsoft"),
    ("融資", "匯峰數據"),  # a heading that is only a deal word
    # a Hong Kong announcement's standard warning about the placing told before
    ("由於配售協議的完成須待若干條件達成後方可作實，配售未必一定會進行。", "海峰數據"),
    ("We may invest in other companies in the future.", "NVIDIA"),
    ("OpenAI posted a loss of $11.5 billion in the quarter.", None),
    ("09:31 *COREWEAVE SHARES FALL 6% IN PREMARKET TRADING", None),
    ("In the Lambda IPO prospectus, Microsoft accounted for 40% of revenue.", None),
    ("Tencent denied reports that it would invest in OpenAI.", None),
    ("xAI lines up $20 billion for chips as NVIDIA joins financing", None),  # no lender named
    ("We think the market underrates how much of this debt sits outside Oracle's balance sheet.", "Fallowfield Capital"),
    ("The Company also intends to raise debt secured against the Microsoft contract cash flows.", "Nebius"),  # collateral
    ("The notes are secured by the GPUs and by the related CoreWeave leases.", "Lakeshore Compute"),
    ("Q: Did NVIDIA guarantee OpenAI's data center loans?", None),  # a question line asks, it states no deal
    ("Q: How much did Microsoft invest in OpenAI in 2023?", None),
    ("We also ran a downside case in which Lambda would have to shorten the useful life of its GPUs from six years to "
     "four years.", None),  # what would have to happen
    ("Critics point out that OpenAI does not have $19 billion; it would have to raise it from investors.", None),
    ("市场传出腾讯有意入股OpenAI，腾讯随即否认。", None),
    ("市場傳出超微有意入股Lambda，但超微發言人隨即否認。", None),  # 但 brings the denial of that same rumour
    ("英伟达希望美国政府能为其数据中心贷款提供担保。", None),  # a wish, no deal
    ("OpenAI单季度巨亏115亿美元。", None),
    ("假如亚马逊把服务器使用年限从5年逐步延长至7年，利润会更好看。", None),  # a hypothetical change of lives
    ("聊聊微软的Azure credit，这是理解循环交易的钥匙。", None),  # cloud credits talked about, none granted
    ("雲額度在會計上有明確的處理方式。", None),
    ("英伟达市值突破5万亿美元，投资者担心OpenAI烧钱太快。", None),  # investors as a crowd hold no stake
    ("英伟达的股东大会上，投资者追问了对OpenAI的承诺。", None),
    ("如果微软向CoreWeave租更多算力，利润会被压缩。", None),  # hypothetical
    ("英伟达否认将向Humain出货GB300芯片。", None),  # denied
    ("OpenAI今年已签了总计1.4万亿美元的算力订单。", None),  # a total over several deals
    ("No agreement on a $500 million loan from Blackstone to Nebius has been reached.", None),
    # share-price moves are no stake
    ("AMD shares jumped 24% and Broadcom slipped 1% after the announcement.", None),
    ("Shares of CoreWeave fell 6% in New York trading while Nebius rose 3%.", None),
    # deals with many unnamed firms are a total over several deals
    ("During the quarter we signed five multi-year capacity contracts with generative AI developers.", "Nebius"),
    ("Nebius also rents GPU capacity to several smaller AI labs.", None),
    # a filer's aggregate purchase obligations, commitments, future lease payments: sums over many suppliers
    ("As of March 29, 2026, we had unconditional purchase obligations of $4.2 billion, mostly for memory and substrates.",
     "Dell Technologies"),
    ("Our non-cancelable inventory purchase commitments, spread across numerous component suppliers, were $3.4 billion "
     "at year end.", "Super Micro Computer"),
    ("We have also signed data center leases that have not yet commenced, with future lease payments of about $18 billion "
     "over 15 years.", "Meta"),
    ("Microsoft's reported $600 billion backlog of compute contracts is a sum of several agreements (OpenAI, Anthropic, "
     "Meta) rather than one deal.", None),
    # revenue deals make the subject the seller; debt talked about; no comment
    ("Nebius said it had signed capacity contracts expected to generate more than $3 billion in revenue.", None),
    ("Meta's $27 billion Hyperion campus, and the financing behind it", None),
    ("Microsoft declined to comment on the Nebius loan, and Nebius did not reply.", None),
    ("The GPUs count as Lambda assets and debt collateral, and as Microsoft operating expense.", None),
    # ties that are no deal; policy text on useful lives
    ("The order builds on Meta's long-standing ties with Oracle, Microsoft and CoreWeave.", None),
    ("We review the estimated useful lives of our servers annually, and changes could affect future results.", "Alphabet"),
    ("Leasehold improvements are amortized over the shorter of their useful life or the remaining lease term.", "Meta"),
    ("Buildings are depreciated over useful lives that range from 20 to 40 years.", "Oracle"),
    ("The company said the useful life of its servers had not been changed this year.", "Meta"),
    # a merger agreement buys nothing
    ("On May 2, 2025, Nebius entered into an Agreement and Plan of Merger with Lambda, Inc.", None),
    ("The merger agreement with Crusoe was approved by Oracle's board in June.", None),
    # people, places and months in a party position are no company
    ("The board met with Jensen Huang in Santa Clara in March.", None),
    ("In June Blue Sky Ventures announced a partnership by Tuesday.", None),
    # a total the text itself calls a sum of several deals; a standing policy, no change
    ("博通、超威与OpenAI签下的芯片订单合计约2000亿美元，是几笔订单的加总。", None),
    ("OpenAI与博通、超威签下的芯片订单并非单一交易，合计约2000亿美元。", None),
    ("微软把服务器按6年折旧，这是它一贯的会计政策，并非调整。", None),
    ("甲骨文的GPU按5年计提折旧，而不是一次变更的结果。", None),
    ("騰訊參與合作研發，並未出資。", None),  # taking part in research is no stake
    ("贷款种类包括流动资金贷款和项目贷款。", None),  # a list of the kinds of credit
    ("融資方式包括銀行貸款、發行債券和股權融資。", None),
    ("债券市场上，甲骨文的信用利差走阔。", None),  # the bond market, no bonds bought
    ("其中一半以云额度形式发放。", None),  # points back at no deal
    ("上述贷款尚需股东大会审议。", None),
    ("上述授信及擔保尚需經股東大會審議通過。", None),
    ("微软把与OpenAI的合同期限由5年调至7年。", None),  # a contract's term is no useful life
    ("甲骨文將貸款期限由3年調至5年。", None),
    ("截至公告日，公司及控股子公司对外担保总额为人民币8亿元。", None),  # 对外 names no borrower
    ("微软支持OpenAI的发展，也支持Anthropic。", None),  # support names no deal
    ("蓝猫头鹰与Meta成立合资企业。项目融资通过特殊目的实体Harbor Vale LLC完成，规模约270亿美元。", None),
    ("Meta與藍貓頭鷹成立合資企業。項目融資通過特殊目的實體Harbor Vale LLC完成。", None),
    # partnerships with no money; trading in shares
    ("联想与英伟达签署合作协议，共同研发AI服务器，未披露金额。", None),
    ("緯創與超微簽署合作備忘錄，聯合開發液冷機櫃，雙方表示不涉及任何金額。", None),
    ("该合作不涉及资金往来，微软与OpenAI签了合作协议。", None),
    ("投资者在买卖本公司股票时应注意风险。", "润川数据"),
    ("微软与OpenAI在模型安全研究上展开合作。", None),  # a cooperation with no value: a partnership
    ("輝達與聯發科宣布擴大合作，金額未披露。", None),
    ("问：公司是否会延长服务器的折旧年限至6年？", "海川智能科技"),  # a question states no deal
    ("市場關注微軟會不會繼續向OpenAI投資。", None),
    ("IREN将在2026年分阶段部署于得州Childress园区。", None),  # deploying names no goods
    ("Nebius将在芬兰的数据中心为微软部署约10万颗英伟达GB300 GPU。", None),  # deploying for a customer: no purchase of the chips
    ("Meta使用Llama模型改进广告系统。", None),
    ("DeepSeek使用英伟达GPU训练模型。", None),  # using chips with no quantity bought is no deal
    ("软银上月卖出所持的英伟达股份，套现58亿美元。", None),  # a divestment
    ("軟銀在10月出售所持全部輝達股票，套現約58億美元。", None),
    ("CoreWeave delivered the GPUs to customers ahead of schedule.", None),  # customers, no one named
    ("CoreWeave will pay $400 million of interest to Blackstone next year.", None),  # interest buys nothing
    ("Meta will pay for the buildout itself.", None),  # no one paid
    ("Lambda opened a new data center in Texas. NVIDIA participated.", None),  # no round to join
    ("Fidelity's money made up most of a $600 million round. Temasek also participated.", None),  # not Fidelity's round
    ("Corvane will acquire Halden Systems for $9.10 in cash plus 0.25 shares of Corvane common stock per Halden share.",
     None),  # a merger's exchange ratio: no stake
    ("Nscale closes $1.1 billion loan to fund OpenAI build-out", None),  # no lender named; OpenAI is what it pays for
    ("The notes are secured by our interests in the Polaris buildings and the related CoreWeave leases.", "Applied Digital"),
    ("The use of proceeds from the offering is described in the prospectus.", "Lambda"),  # no seller
    ("Crusoe granted Blue Owl an option to buy GPUs from NVIDIA at a fixed price.", None),  # an option buys nothing yet
    ("Under the plan, employees hold options to purchase Lambda stock.", None),
    ("甲骨文介绍了融资租赁额度的会计处理。", None),  # talk about finance-lease lines, none granted
    ("公司新增注册资本已完成工商变更登记。", "星河算力"),  # 注册资本 names no company
    ("本公司新增註冊資本已完成登記。", "星河算力"),
    # a supposition: a sensitivity per year of life, or a change the writer calls a supposition
    ("粗略测算,一家年折旧费用500亿美元的公司,每延长一年,利润可能多出几十亿美元。", None),
    ("粗略估算，甲骨文的服務器折舊年限每縮短一年，年度利潤將減少約20億美元。", None),
    ("如果英伟达真的每年出一代新卡，折旧年限理应缩短到3年，但这只是假设。", None),
    ("若輝達真的每年推出新一代晶片，微軟的伺服器折舊年限應縮短至3年，但這純屬假設。", None),
    ("阿里云额度的使用规则今年有所调整。", None),  # credits talked about, none granted
    ("阿里雲額度的申請門檻今年提高。", None),
    ("三是融资租赁，我们把一部分服务器做了售后回租。", "澜算科技"),  # a finance lease named: no round (融资)
    # nouns of a tender (中标金额, 中标人) win no bid; the filer written out in full is the filer
    ("本次中标金额约占公司2024年度营业收入的34.7%。", "华擎智算"),
    ("同一项目中浪潮信息和华为分别为标包一、标包三的中标人。", "华擎智算"),
    ("华擎智算科技股份有限公司关于项目中标的公告", "华擎智算"),
    # a question asks about a deal, anywhere in its clause; it states none
    ("问：公司机电设备的折旧政策是否会调整？", "寰宇智联"),
    ("微軟與OpenAI的合約會不會延長？", None),
    # 未 / 尚未 deny the deal word after them
    ("公司目前未与星图智能科技有限公司签订任何采购或算力服务协议。", "启明算力科技"),
    ("截至本公告披露日，公司尚未与中国移动签订正式合同。", "华擎智算"),
    # a restructuring between partners moves no money: a bare deal word beside it, no amount, is no purchase
    ("这是OpenAI与微软的重组协议生效后签下的首份大型云合同。", None),
    ("Closing remains subject to VMware shareholder approval.", None),  # the holders' business
    ("The Company has no supply or financing arrangement with NVIDIA.", "Ridgeline Digital"),  # that kind of deal denied
    ("Had the estimated useful life of our servers been one year shorter, operating income would have been lower by "
     "$41 million.", "Larkspur Cloud"),  # an inverted if
    ("Were the Company to shorten the life of its GPU servers to four years, depreciation would rise by $38 million.",
     "Quarry Hill Cloud"),
    ("CoreWeave's accounting has drawn scrutiny from some investors.", None),  # drawing criticism borrows nothing
    ("這是OpenAI與微軟重組合作關係後，首次與其他雲廠商簽下大額算力合約。", None),
    # a yes-no question (吗, 请问) asks about a deal in any clause, it states none
    ("投资者提问：同行已经把GPU服务器的折旧年限延长到6年，公司会跟进吗？", "澄岳科技"),
    ("請問，市場上有雲廠商把伺服器折舊年限延長至六年，貴公司會考慮跟進嗎", "嘉岳電腦"),
    ("请问公司与字节跳动签订的算力服务合同金额是多少？", "澄岳科技"),
    # a list of trends is no list of companies (大数据 has one character before its trade word)
    ("这里提到的人工智能、大数据和算力网络都是热门方向。中国移动今年向算力网络投资了50亿元。", None),
    # policy text that says the estimate did not change ('未发生变更')
    ("公司固定资产折旧采用年限平均法，其中电子设备折旧年限为3-5年，运输设备为4年，本报告期内上述会计估计未发生变更。", "曜算科技"),
    # notes bought with no issuer told anywhere lend to no one named; shares bought are no loan
    ("The fund bought $200 million of the notes.", None),
    ("Blackstone bought $2 billion of the shares sold in the offering.", None),
]


def _events(text: str, filer: str | None):
    return Extractor().extract(Document("t", text, "t", DocMeta(filer=filer)))


def _key(e):
    return (e.event_type, e.party, e.counterparty, None if e.amount is None else str(e.amount))


@pytest.mark.parametrize("text,filer,expected", EVENTS)
def test_events_and_roles(text, filer, expected):
    assert sorted(_key(e) for e in _events(text, filer)) == sorted(expected)


@pytest.mark.parametrize("text,filer", NON_EVENTS)
def test_non_events(text, filer):
    assert _events(text, filer) == []


def test_every_event_names_its_rule_and_evidence():
    text = "NVIDIA invested $100 million in CoreWeave. CoreWeave then bought NVIDIA GPUs."
    events = _events(text, None)
    assert events
    for e in events:
        assert e.rule_id and e.sentence in text
        assert 0 <= e.char_start < e.char_end <= len(text)


def test_a_headline_in_capitals_is_quoted_as_written():
    events = _events("MARKETS WRAP\n08:02 *AMAZON TO INVEST $4B IN ANTHROPIC\n", None)
    assert [(e.party, e.sentence) for e in events] == [("Amazon", "08:02 *AMAZON TO INVEST $4B IN ANTHROPIC")]


def test_amount_forms_and_rates():
    (event,) = _events("与AMD每年采购600亿美元的芯片，OpenAI说。", None) or [None]
    assert event is None or event.per_period == "year"
    (up_to,) = _events("NVIDIA will invest up to $100 billion in OpenAI.", None)
    assert up_to.amount is None and up_to.amount_high == Decimal("100000000000")


def test_items_of_a_list_that_share_the_deal_word_keep_their_own_amounts():
    events = _events("同意公司向招商银行申请不超过8亿元、向中国银行申请不超过6亿元的综合授信额度。", "华岭智算")
    assert sorted((e.party, e.amount_high) for e in events) == [("中国银行", Decimal("600000000")),
                                                               ("招商银行", Decimal("800000000"))]


def test_useful_life_slots():
    (e,) = _events("We increased the estimated useful lives of our servers from four years to six years.", "Microsoft")
    assert (e.life_old_years, e.life_new_years) == (Decimal(4), Decimal(6))
    assert "server" in e.asset_class


def test_financing_provided_is_credit_under_its_own_rule():
    (loan,) = _events("黑石宣布将向AI云服务商Nebius提供最高30亿美元融资。", None)
    (round_,) = _events("智谱完成了3亿美元的C轮融资，由阿里巴巴领投。", None)
    assert (loan.event_type, loan.rule_id) == ("credit", "zh.credit.financing_given")
    assert round_.event_type == "investment" and round_.rule_id != loan.rule_id


def test_bare_chaowei_depends_on_region():
    mainland = _events("超微获得英伟达的投资。", None)
    taiwan = Extractor().extract(Document("t", "超微獲得輝達的投資。", "t", DocMeta(region="tw")))
    assert mainland[0].counterparty == "Super Micro Computer"
    assert taiwan[0].counterparty == "AMD"


def test_a_changed_rule_set_is_assembled_with_its_own_rules():
    """Trigger rules are looked up once per rule set: a rule set made from another is not served the old rules."""
    from dataclasses import replace

    from pipeline.rules import default_rules

    rules = default_rules()
    doc = Document("d", "NVIDIA invested $100 million in CoreWeave in 2023.", "d.txt", DocMeta())
    before = Extractor(rules).extract(doc)
    credit = tuple(replace(r, event_type="credit") if r.lang == "en" else r for r in rules.triggers)
    after = Extractor(replace(rules, triggers=credit)).extract(doc)
    assert [e.event_type for e in before] == ["investment"] and [e.event_type for e in after] == ["credit"]


def test_a_part_of_the_whole_round_is_the_amount():
    """'up to $30 billion of the $40 billion funding round': the party's part, not the round's total."""
    (e,) = _events("SoftBank agreed to provide up to $30 billion of the $40 billion funding round of OpenAI.", None)
    assert (e.party, e.counterparty, e.amount, e.amount_high) == ("SoftBank", "OpenAI", None, Decimal("30000000000"))


@pytest.mark.parametrize("text,rule_id", [
    ("A syndicate of lenders committed to provide $2.6 billion to CoreWeave.", "en.credit.lenders_sell_to"),
    ("CoreWeave signed a $2.6 billion agreement with a group of lenders.", "en.credit.lenders_contract_noun"),
])
def test_a_purchase_rule_that_meets_lenders_gives_its_credit_id(text, rule_id):
    """Lenders sell nothing: the purchase rule's event is a credit, under the rule's own credit_id (one type a rule id)."""
    from pipeline.rules import default_rules

    events = _events(text, None)
    assert [(e.event_type, e.rule_id) for e in events] == [("credit", rule_id)]
    assert default_rules().rule(rule_id).event_type == "purchase_agreement"  # the rule it traces back to


@pytest.mark.parametrize("text,old,new", [
    ("We lengthened the estimated useful life of servers to four years, up from three years.", 3, 4),
    ("Starting in 2025 a subset of our servers will be depreciated over five years instead of six.", 6, 5),
])
def test_the_old_life_after_the_new_one(text, old, new):
    (e,) = _events(text, "Amazon")
    assert (e.event_type, e.party, e.life_old_years, e.life_new_years) == ("depreciation_change", "Amazon", Decimal(old), Decimal(new))


def test_grouped_clause_breaks_cut_where_one_alternative_per_word_cuts():
    """_clause_breaks groups runs of whole words into one \\b(?:...)\\b: the same cuts as one
    \\bword\\b alternative per word, on both languages' break words and their corpora's sentences."""
    import re
    from pathlib import Path

    from pipeline.clauses import _clause_breaks
    from pipeline.context import longest_first
    from pipeline.rules import default_rules

    def per_word(words, lang):
        alternation = "|".join(re.escape(w) if not w[0].isalpha() or not w.isascii() else rf"\b{re.escape(w)}\b"
                               for w in longest_first(words))
        if lang == "zh":
            alternation += "|[，、]|(?<!\\d),|,(?!\\d{3}(?!\\d))"
        return re.compile(alternation, re.I)

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "corpora" / "annotated" / "docs").glob("*.txt"))]
    lines = [line for text in texts for line in text.splitlines()] + ["Whose; WHILE: butter but-not who's whom，、1,000,"]
    rules = default_rules()
    for lang in ("en", "zh"):
        words = tuple(rules.roles[lang].clause_breaks) + ("as well as", "and/or", "A-B", "中")
        ours, plain = _clause_breaks(words, lang), per_word(words, lang)
        for line in lines:
            assert [m.span() for m in ours.finditer(line)] == [m.span() for m in plain.finditer(line)], line
