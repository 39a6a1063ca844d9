### Teks umum. Sapa pengguna dengan "Anda". Kalimat pendek, satu gagasan.

## Gangguan

error-generic = Maaf, ada gangguan. Coba lagi sebentar lagi.
error-rate-limited = Terlalu banyak percobaan. Tunggu sebentar, lalu coba lagi.
error-retry-after = Coba lagi dalam { $minutes } menit.
error-not-understood = Maaf, saya belum mengerti. Silakan pilih salah satu tombol.

## Nama bahasa (selalu ditulis dalam bahasanya sendiri)

lang-id = Bahasa Indonesia
lang-en = English

## Jawaban singkat (tombol)

answer-yes = Ya
answer-no = Tidak
answer-skip = Lewati
answer-dont-know = Tidak tahu

## Cara menghubungi layanan

contact-call = Telepon { $number }
contact-whatsapp = WhatsApp { $number }
contact-call-abroad = dari luar negeri { $number }
contact-web = { $number }
contacts-abroad-note = Nomor 110, 112, dan 129 hanya bisa dihubungi dari Indonesia.

## Nama layanan yang menjalankan bot ini (ubah untuk setiap daerah)

-operator = DKP3A Provinsi Kalimantan Timur

# Sent once when the bot cannot save for a moment; her message is kept.
error-try-again-soon = Maaf, sebentar ada gangguan. Pesan Anda tidak hilang; kami lanjutkan sebentar lagi.
