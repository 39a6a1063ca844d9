### Labels for every category value. Message id: <kind>-<code>.
### Labels used as buttons are at most 24 characters.

## What happened (buttons; she may pick several)

behaviour-hurt_physically = Hit or hurt
behaviour-threatened_controlled = Threatened, controlled
behaviour-sexual_touch_forced = Sexual touch or force
behaviour-sexual_online = Sexual photos/messages
behaviour-forced_labour = Forced work, not free
behaviour-job_deception = Tricked about a job
behaviour-forced_marriage = Forced to marry
behaviour-neglected = Neglected, no support
behaviour-other = Something else

## Who is telling (buttons)

reporter-myself = Myself
reporter-someone_else = Someone else

## When (buttons)

when-ongoing = Still happening
when-today = Today
when-this_week = This week
when-this_month = This month
when-longer_ago = Longer ago

## Help wanted (buttons)

help-safety_shelter = A safe place
help-health = Medical care
help-legal = Legal help
help-counselling = Counselling
help-going_home = Return to my hometown
help-just_reporting = I just want to tell

## How a case worker may reach her (buttons)

contact-pref-through_bot = Only through this bot
contact-pref-phone = By phone
contact-pref-none = Don't contact me

## Who did it (buttons)

relation-orang_tua = A parent
relation-keluarga = Other family
relation-suami_istri = Husband or wife
relation-mantan_pasangan = Ex-husband or partner
relation-pacar_teman = Partner or friend
relation-kenalan_online = Someone met online
relation-tetangga = A neighbour
relation-guru = A teacher
relation-majikan = Employer or boss
relation-perekrut = Agent, broker, PT
relation-rekan_kerja = A co-worker
relation-lainnya = Someone else
relation-tidak_diketahui = I don't know

## Age (buttons)

age-band-a0_5 = 0–5 years
age-band-a6_12 = 6–12 years
age-band-a13_17 = 13–17 years
age-band-a18_24 = 18–24 years
age-band-a25_44 = 25–44 years
age-band-a45_59 = 45–59 years
age-band-a60_plus = 60 or older

## Sex (buttons)

sex-perempuan = Female
sex-laki_laki = Male
sex-tidak_disebut = Rather not say

## Where

location-abroad = Abroad
location-unknown = Not known
regency-kind-kota = City
regency-kind-kabupaten = Regency
region-64 = East Kalimantan
region-64-01 = Paser
region-64-02 = West Kutai
region-64-03 = Kutai Kartanegara
region-64-04 = East Kutai
region-64-05 = Berau
region-64-09 = North Penajam Paser
region-64-11 = Mahakam Ulu
region-64-71 = Balikpapan City
region-64-72 = Samarinda City
region-64-74 = Bontang City

## Danger-sign questions (yes/no; "yes" means the sign is there)

indicator-question-locked_in = { $who ->
        [other] Are they locked in or guarded, so they cannot leave?
       *[myself] Are you locked in or guarded, so you cannot leave?
    }
indicator-question-violence_or_threats = { $who ->
        [other] Is someone hurting or threatening them or their family?
       *[myself] Is someone hurting or threatening you or your family?
    }
indicator-question-controller_present = { $who ->
        [other] Is the person who hurts or watches over them near them right now?
       *[myself] Is the person who hurts or watches over you near you right now?
    }
indicator-question-child_in_danger = { $who ->
        [other] Is a child in danger right now?
       *[myself] Is a child in danger right now?
    }
indicator-question-documents_held = { $who ->
        [other] Has someone taken their passport or ID card?
       *[myself] Has someone taken your passport or ID card?
    }
indicator-question-debt_bondage = { $who ->
        [other] Do they have to work to pay off a debt?
       *[myself] Do you have to work to pay off a debt?
    }
indicator-question-wages_withheld = { $who ->
        [other] Is their pay held back or not paid?
       *[myself] Is your pay held back or not paid?
    }
indicator-question-job_differs = { $who ->
        [other] Is their work different from what they were promised?
       *[myself] Is your work different from what you were promised?
    }
indicator-question-contact_restricted = { $who ->
        [other] Was their phone taken? Or are they stopped from calling their family?
       *[myself] Was your phone taken? Or are you stopped from calling your family?
    }
indicator-question-movement_restricted = { $who ->
        [other] Do they need permission to go out?
       *[myself] Do you need permission to go out?
    }
indicator-question-address_unknown = { $who ->
        [other] Are they unsure of the address where they are now?
       *[myself] Are you unsure of the address where you are now?
    }
indicator-question-social_media_job_offer = { $who ->
        [other] Was this job offered on social media, with no skills needed?
       *[myself] Was this job offered on social media, with no skills needed?
    }
indicator-question-scam_work_abroad = { $who ->
        [other] Are they forced to work on online scams or gambling abroad?
       *[myself] Are you forced to work on online scams or gambling abroad?
    }
indicator-question-fear_of_authorities = { $who ->
        [other] Are they afraid of the police, or worried about their visa or papers?
       *[myself] Are you afraid of the police, or worried about your visa or papers?
    }

## Status for the reporter (shown only when she asks)

status-reporter-baru = Received. A case worker will read it soon.
status-reporter-ditinjau = A case worker is reading it.
status-reporter-ditindaklanjuti = A case worker is working on it.
status-reporter-dirujuk = A case worker has passed it to a service that can help.
status-reporter-selesai = The work on it is finished. Thank you for telling us.
status-reporter-ditutup = A case worker has closed it. You can still ask for help at any time.

## For case workers: status

status-baru = New
status-ditinjau = In review
status-ditindaklanjuti = In progress
status-dirujuk = Referred
status-selesai = Completed
status-ditutup = Closed

## For case workers: urgency and why

urgency-normal = Normal
urgency-high = High
urgency-urgent = Urgent
indicator-tier-urgent = Danger sign
indicator-tier-high = Strong sign
indicator-tier-context = Context
urgency-reason-not_safe_now = The reporter said she is not safe now.
urgency-reason-child_at_risk = A child victim of physical or sexual harm, or with signs of trafficking.
urgency-reason-child_victim = A child victim.
urgency-reason-trafficking_like = Signs of trafficking: forced work, job fraud or forced marriage.
indicator-locked_in = Locked in or guarded, cannot leave
indicator-violence_or_threats = Violence or threats against her or her family
indicator-controller_present = The controlling person is present
indicator-child_in_danger = A child in danger
indicator-documents_held = Passport or ID held by employer or agent
indicator-debt_bondage = A debt to be worked off
indicator-wages_withheld = Wages withheld
indicator-job_differs = Job differs from what was promised
indicator-contact_restricted = Phone taken or family contact limited
indicator-movement_restricted = Cannot go out without permission
indicator-address_unknown = Does not know her address
indicator-social_media_job_offer = Job offered on social media, no skills needed
indicator-scam_work_abroad = Forced into online scam or gambling work abroad
indicator-fear_of_authorities = Afraid of police or of immigration status

## For case workers: Simfoni-PPA categories

violence-type-fisik = Physical
violence-type-psikis = Psychological
violence-type-seksual = Sexual
violence-type-eksploitasi = Exploitation
violence-type-trafficking = Trafficking in persons (TPPO)
violence-type-penelantaran = Neglect
violence-type-lainnya = Other
place-rumah_tangga = Household
place-tempat_kerja = Workplace
place-sekolah = School
place-lembaga_pendidikan_kilat = Short-course institution
place-fasilitas_umum = Public place
place-online = Social media or online
place-lainnya = Other

## For case workers: forms under UU 12/2022 (TPKS) art. 4(1)

tpks-form-pelecehan_seksual_nonfisik = Non-physical sexual harassment
tpks-form-pelecehan_seksual_fisik = Physical sexual harassment
tpks-form-pemaksaan_kontrasepsi = Forced contraception
tpks-form-pemaksaan_sterilisasi = Forced sterilisation
tpks-form-pemaksaan_perkawinan = Forced marriage
tpks-form-penyiksaan_seksual = Sexual torture
tpks-form-eksploitasi_seksual = Sexual exploitation
tpks-form-perbudakan_seksual = Sexual slavery
tpks-form-kekerasan_seksual_berbasis_elektronik = Electronic-based sexual violence

## For case workers: forms under UU 23/2004 (PKDRT) art. 5

pkdrt-form-fisik = Physical violence
pkdrt-form-psikis = Psychological violence
pkdrt-form-seksual = Sexual violence
pkdrt-form-penelantaran = Household neglect

## Kind of place (buttons, for the reporter)

place-ask-rumah_tangga = At home
place-ask-tempat_kerja = At work
place-ask-sekolah = At school
place-ask-lembaga_pendidikan_kilat = At a course/training
place-ask-fasilitas_umum = In a public place
place-ask-online = On the phone/online
place-ask-lainnya = Somewhere else

## Destination countries (buttons)

destination-malaysia = Malaysia
destination-saudi_arabia = Saudi Arabia
destination-hong_kong = Hong Kong
destination-taiwan = Taiwan
destination-singapore = Singapore
destination-uae = UAE
destination-brunei = Brunei
destination-south_korea = South Korea
destination-japan = Japan

## Contact by phone (buttons)

phone-via-whatsapp = WhatsApp
phone-via-call = A call
phone-via-either = Either is fine
safe-time-morning = Morning (6–10)
safe-time-midday = Midday (10–14)
safe-time-afternoon = Afternoon (14–18)
safe-time-evening = Evening (18–22)

## For case workers: notes about the recruiter

recruiter-field-names = Names
recruiter-field-phones = Phone numbers
recruiter-field-accounts = Social media accounts
recruiter-field-companies = Company names
urgency-reason-short_message = The reporter sent the short message of the danger fast lane.
