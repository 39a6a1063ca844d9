### Label untuk setiap nilai kategori. Id pesan: <jenis>-<kode>.
### Label yang menjadi tombol paling banyak 24 karakter.

## Yang terjadi (tombol; pelapor boleh memilih beberapa)

behaviour-hurt_physically = Dipukul atau disakiti
behaviour-threatened_controlled = Diancam atau dikekang
behaviour-sexual_touch_forced = Disentuh, dipaksa seks
behaviour-sexual_online = Foto atau chat seksual
behaviour-forced_labour = Kerja paksa, tak bebas
behaviour-job_deception = Ditipu soal pekerjaan
behaviour-forced_marriage = Dipaksa menikah
behaviour-neglected = Tidak dinafkahi/diurus
behaviour-other = Hal lain

## Siapa yang bercerita (tombol)

reporter-myself = Saya sendiri
reporter-someone_else = Orang lain

## Kapan (tombol)

when-ongoing = Masih terjadi
when-today = Hari ini
when-this_week = Minggu ini
when-this_month = Bulan ini
when-longer_ago = Sudah lebih lama

## Bantuan yang diinginkan (tombol)

help-safety_shelter = Tempat yang aman
help-health = Berobat
help-legal = Bantuan hukum
help-counselling = Konseling
help-going_home = Pulang ke daerah asal
help-just_reporting = Hanya ingin bercerita

## Cara petugas menghubungi (tombol)

contact-pref-through_bot = Lewat bot ini saja
contact-pref-phone = Lewat nomor telepon
contact-pref-none = Tidak usah dihubungi

## Pelaku (tombol)

relation-orang_tua = Orang tua
relation-keluarga = Keluarga atau saudara
relation-suami_istri = Suami atau istri
relation-mantan_pasangan = Mantan suami/pasangan
relation-pacar_teman = Pacar atau teman
relation-kenalan_online = Kenalan dari internet
relation-tetangga = Tetangga
relation-guru = Guru
relation-majikan = Majikan atau bos
relation-perekrut = Agen/calo/sponsor/PT
relation-rekan_kerja = Teman kerja
relation-lainnya = Orang lain
relation-tidak_diketahui = Tidak tahu

## Umur (tombol)

age-band-a0_5 = 0–5 tahun
age-band-a6_12 = 6–12 tahun
age-band-a13_17 = 13–17 tahun
age-band-a18_24 = 18–24 tahun
age-band-a25_44 = 25–44 tahun
age-band-a45_59 = 45–59 tahun
age-band-a60_plus = 60 tahun ke atas

## Jenis kelamin (tombol)

sex-perempuan = Perempuan
sex-laki_laki = Laki-laki
sex-tidak_disebut = Tidak mau menyebut

## Tempat kejadian

location-abroad = Luar negeri
location-unknown = Tidak diketahui
regency-kind-kota = Kota
regency-kind-kabupaten = Kabupaten
region-64 = Kalimantan Timur
region-64-01 = Paser
region-64-02 = Kutai Barat
region-64-03 = Kutai Kartanegara
region-64-04 = Kutai Timur
region-64-05 = Berau
region-64-09 = Penajam Paser Utara
region-64-11 = Mahakam Ulu
region-64-71 = Kota Balikpapan
region-64-72 = Kota Samarinda
region-64-74 = Kota Bontang

## Pertanyaan tanda bahaya (ya/tidak; "ya" berarti tanda itu ada)

indicator-question-locked_in = { $who ->
        [other] Apakah orang itu dikurung atau dijaga, sehingga tidak bisa pergi?
       *[myself] Apakah Anda dikurung atau dijaga, sehingga tidak bisa pergi?
    }
indicator-question-violence_or_threats = { $who ->
        [other] Apakah ada yang menyakiti atau mengancam orang itu atau keluarganya?
       *[myself] Apakah ada yang menyakiti atau mengancam Anda atau keluarga Anda?
    }
indicator-question-controller_present = { $who ->
        [other] Apakah orang yang menyakiti atau mengawasinya ada di dekatnya sekarang?
       *[myself] Apakah orang yang menyakiti atau mengawasi Anda ada di dekat Anda sekarang?
    }
indicator-question-child_in_danger = { $who ->
        [other] Apakah ada anak yang dalam bahaya sekarang?
       *[myself] Apakah ada anak yang dalam bahaya sekarang?
    }
indicator-question-documents_held = { $who ->
        [other] Apakah seseorang mengambil paspor atau KTP orang itu?
       *[myself] Apakah seseorang mengambil paspor atau KTP Anda?
    }
indicator-question-debt_bondage = { $who ->
        [other] Apakah orang itu harus bekerja untuk membayar utang?
       *[myself] Apakah Anda harus bekerja untuk membayar utang?
    }
indicator-question-wages_withheld = { $who ->
        [other] Apakah gajinya ditahan atau tidak dibayar?
       *[myself] Apakah gaji Anda ditahan atau tidak dibayar?
    }
indicator-question-job_differs = { $who ->
        [other] Apakah pekerjaannya berbeda dari yang dijanjikan?
       *[myself] Apakah pekerjaan Anda berbeda dari yang dijanjikan?
    }
indicator-question-contact_restricted = { $who ->
        [other] Apakah HP-nya diambil? Atau dia dilarang menghubungi keluarga?
       *[myself] Apakah HP Anda diambil? Atau Anda dilarang menghubungi keluarga?
    }
indicator-question-movement_restricted = { $who ->
        [other] Apakah orang itu harus minta izin untuk keluar?
       *[myself] Apakah Anda harus minta izin untuk keluar?
    }
indicator-question-address_unknown = { $who ->
        [other] Apakah orang itu tidak tahu alamat tempatnya sekarang?
       *[myself] Apakah Anda tidak tahu alamat tempat Anda sekarang?
    }
indicator-question-social_media_job_offer = { $who ->
        [other] Apakah pekerjaan itu ditawarkan lewat media sosial, tanpa syarat keahlian?
       *[myself] Apakah pekerjaan ini ditawarkan lewat media sosial, tanpa syarat keahlian?
    }
indicator-question-scam_work_abroad = { $who ->
        [other] Apakah orang itu dipaksa bekerja menipu orang atau judi online di luar negeri?
       *[myself] Apakah Anda dipaksa bekerja menipu orang atau judi online di luar negeri?
    }
indicator-question-fear_of_authorities = { $who ->
        [other] Apakah orang itu takut pada polisi, atau takut soal izin tinggalnya?
       *[myself] Apakah Anda takut pada polisi, atau takut soal izin tinggal Anda?
    }

## Status untuk pelapor (hanya tampil setelah ia memintanya)

status-reporter-baru = Sudah diterima. Petugas akan segera membacanya.
status-reporter-ditinjau = Petugas sedang membacanya.
status-reporter-ditindaklanjuti = Petugas sedang menanganinya.
status-reporter-dirujuk = Petugas sudah meneruskannya ke layanan yang bisa membantu.
status-reporter-selesai = Penanganan sudah selesai. Terima kasih sudah bercerita.
status-reporter-ditutup = Petugas sudah menutupnya. Anda tetap bisa meminta bantuan kapan saja.

## Untuk petugas: status

status-baru = Baru
status-ditinjau = Ditinjau
status-ditindaklanjuti = Ditindaklanjuti
status-dirujuk = Dirujuk
status-selesai = Selesai
status-ditutup = Ditutup

## Untuk petugas: tingkat urgensi dan alasannya

urgency-normal = Biasa
urgency-high = Tinggi
urgency-urgent = Mendesak
indicator-tier-urgent = Tanda bahaya
indicator-tier-high = Tanda kuat
indicator-tier-context = Konteks
urgency-reason-not_safe_now = Pelapor menjawab tidak aman saat ini.
urgency-reason-child_at_risk = Korban anak yang disakiti secara fisik atau seksual, atau dengan tanda perdagangan orang.
urgency-reason-child_victim = Korban anak.
urgency-reason-trafficking_like = Ada tanda perdagangan orang: kerja paksa, penipuan kerja, atau kawin paksa.
indicator-locked_in = Dikurung atau dijaga, tidak bisa pergi
indicator-violence_or_threats = Kekerasan atau ancaman kepada korban atau keluarganya
indicator-controller_present = Orang yang mengendalikan korban ada di dekatnya
indicator-child_in_danger = Ada anak dalam bahaya
indicator-documents_held = Paspor atau KTP ditahan majikan atau agen
indicator-debt_bondage = Harus bekerja untuk melunasi utang
indicator-wages_withheld = Gaji ditahan
indicator-job_differs = Pekerjaan berbeda dari yang dijanjikan
indicator-contact_restricted = HP diambil atau kontak dengan keluarga dibatasi
indicator-movement_restricted = Tidak boleh keluar tanpa izin
indicator-address_unknown = Tidak tahu alamat tempatnya sekarang
indicator-social_media_job_offer = Tawaran kerja lewat media sosial, tanpa syarat keahlian
indicator-scam_work_abroad = Dipaksa kerja penipuan online atau judi di luar negeri
indicator-fear_of_authorities = Takut pada polisi atau soal izin tinggal

## Untuk petugas: kategori Simfoni-PPA

violence-type-fisik = Fisik
violence-type-psikis = Psikis
violence-type-seksual = Seksual
violence-type-eksploitasi = Eksploitasi
violence-type-trafficking = Perdagangan orang (TPPO)
violence-type-penelantaran = Penelantaran
violence-type-lainnya = Lainnya
place-rumah_tangga = Rumah tangga
place-tempat_kerja = Tempat kerja
place-sekolah = Sekolah
place-lembaga_pendidikan_kilat = Lembaga pendidikan kilat
place-fasilitas_umum = Fasilitas umum
place-online = Media sosial atau online
place-lainnya = Lainnya

## Untuk petugas: bentuk menurut UU 12/2022 (TPKS) pasal 4 ayat 1

tpks-form-pelecehan_seksual_nonfisik = Pelecehan seksual nonfisik
tpks-form-pelecehan_seksual_fisik = Pelecehan seksual fisik
tpks-form-pemaksaan_kontrasepsi = Pemaksaan kontrasepsi
tpks-form-pemaksaan_sterilisasi = Pemaksaan sterilisasi
tpks-form-pemaksaan_perkawinan = Pemaksaan perkawinan
tpks-form-penyiksaan_seksual = Penyiksaan seksual
tpks-form-eksploitasi_seksual = Eksploitasi seksual
tpks-form-perbudakan_seksual = Perbudakan seksual
tpks-form-kekerasan_seksual_berbasis_elektronik = Kekerasan seksual berbasis elektronik

## Untuk petugas: bentuk menurut UU 23/2004 (PKDRT) pasal 5

pkdrt-form-fisik = Kekerasan fisik
pkdrt-form-psikis = Kekerasan psikis
pkdrt-form-seksual = Kekerasan seksual
pkdrt-form-penelantaran = Penelantaran rumah tangga

## Jenis tempat (tombol, untuk pelapor)

place-ask-rumah_tangga = Di rumah
place-ask-tempat_kerja = Di tempat kerja
place-ask-sekolah = Di sekolah/pesantren
place-ask-lembaga_pendidikan_kilat = Di tempat kursus/LPK
place-ask-fasilitas_umum = Di tempat umum
place-ask-online = Lewat HP/internet
place-ask-lainnya = Di tempat lain

## Negara tujuan (tombol)

destination-malaysia = Malaysia
destination-saudi_arabia = Arab Saudi
destination-hong_kong = Hong Kong
destination-taiwan = Taiwan
destination-singapore = Singapura
destination-uae = Uni Emirat Arab
destination-brunei = Brunei
destination-south_korea = Korea Selatan
destination-japan = Jepang

## Cara dihubungi lewat telepon (tombol)

phone-via-whatsapp = WhatsApp
phone-via-call = Telepon
phone-via-either = Keduanya boleh
safe-time-morning = Pagi (06–10)
safe-time-midday = Siang (10–14)
safe-time-afternoon = Sore (14–18)
safe-time-evening = Malam (18–22)

## Untuk petugas: catatan tentang perekrut

recruiter-field-names = Nama orang
recruiter-field-phones = Nomor telepon
recruiter-field-accounts = Akun media sosial
recruiter-field-companies = Nama perusahaan
urgency-reason-short_message = Pelapor mengirim pesan singkat dari jalur cepat saat bahaya.
