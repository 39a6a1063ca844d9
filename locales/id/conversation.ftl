### Percakapan bercerita. Sapa dengan "Anda". Kalimat pendek, satu gagasan.
### Satu nama untuk satu hal: "petugas", "kode", "pesan".
### Tombol (conv-btn-*, conv-edit-*) paling banyak 24 karakter; tombol yang
### bisa diberi tanda ✓ (pilihan) paling banyak 22.
### Teks yang bisa muncul tanpa diminta atau dilihat orang lain setelah
### "Keluar cepat" (notice-update, conv-erased, conv-ask-unlock-*) tidak
### menyebut hal yang sensitif dan tidak menyebut perintah.

## Tombol

conv-btn-start = Mulai
conv-btn-back = Kembali
conv-btn-exit = Keluar cepat
conv-btn-resume = Lanjutkan
conv-btn-safe-yes = Ya, saya aman
conv-btn-safe-no = Tidak aman
conv-btn-agree = Setuju, lanjut
conv-btn-not-now = Tidak sekarang
conv-btn-done-choosing = Selesai memilih
conv-btn-skip-rest = Lewati semua
conv-btn-child = Anak (di bawah 18)
conv-btn-adult = Dewasa
conv-btn-done = Selesai
conv-btn-clear-story = Hapus cerita
conv-btn-set-safe-word = Buat kata aman
conv-btn-send = Kirim ke petugas
conv-btn-reply = Balas
conv-btn-cancel = Batal
conv-btn-next = Lanjut
conv-btn-police-yes = Boleh
conv-btn-police-no = Jangan
conv-btn-still-abroad = Masih di luar negeri
conv-btn-back-home = Sudah di Indonesia
conv-btn-alarm-yes = Ya, kabari petugas
conv-btn-alarm-no = Tidak
conv-btn-set-pin = Buat PIN
conv-btn-short-message = Kirim pesan singkat
conv-btn-go-on = Lanjut bercerita

## Tombol ubah di ringkasan

conv-edit-safety = Ubah: aman
conv-edit-police = Ubah: polisi
conv-edit-reporter = Ubah: siapa
conv-edit-behaviours = Ubah: yang terjadi
conv-edit-when = Ubah: kapan
conv-edit-where = Ubah: di mana
conv-edit-relation = Ubah: yang melakukan
conv-edit-victim = Ubah: yang mengalami
conv-edit-story = Ubah: cerita
conv-edit-help = Ubah: bantuan
conv-edit-contact = Ubah: cara dihubungi
conv-edit-safe_word = Ubah: kata aman

## Sambutan

conv-welcome =
    Halo. Ini Suara, sebuah bot. Bot ini dijalankan oleh { -operator }.
    Saya bukan orang, dan bukan layanan darurat.
    Di sini Anda bisa bercerita jika ada yang tidak beres, pada Anda atau orang lain. Nama Anda tidak ditanyakan.

    Privasi Anda:
    • Yang Anda kirim dikunci untuk petugas. Sebelum Anda bercerita, saya jelaskan siapa yang membacanya.
    • Telegram tetap bisa melihat bahwa Anda memakai bot ini.
    • Tombol "Keluar cepat" menghapus obrolan ini kapan saja.

    Pilih bahasa, lalu tekan Mulai.
conv-welcome-short = Halo. Tekan Mulai untuk bercerita. Jika Anda butuh bantuan sekarang, ketik /darurat.

## Aman sekarang? Jalur cepat saat bahaya

conv-ask-safe-now =
    Apakah Anda aman sekarang?
    Jika Anda bercerita untuk orang lain, jawablah untuk orang itu.
conv-fast-lane = Jika Anda dalam bahaya, segera hubungi:
conv-fast-lane-near = Jika orang itu ada di dekat Anda, tekan "Keluar cepat". Anda bisa kembali nanti.
conv-danger-sign = Terima kasih sudah memberi tahu. Jika ada bahaya sekarang, segera hubungi:
conv-kept-then-help = Tersimpan.

## Persetujuan

conv-ask-consent =
    Sebelum Anda bercerita:
    • Cerita Anda dibaca petugas perlindungan perempuan dan anak, dan gugus tugas di daerah Anda.
    • Jika perlu untuk menolong Anda, mereka bisa meneruskannya ke layanan lain: rumah sakit, rumah aman, KP2MI, atau polisi. Soal polisi, saya tanyakan sesudah ini.
    • Cerita baru terkirim jika Anda menekan "Kirim ke petugas" di akhir. Sebelum itu, Anda boleh berhenti kapan saja.
    • { $days ->
        [0] Cerita Anda disimpan sampai petugas menghapusnya.
       *[other] Cerita Anda dihapus { $days } hari setelah penanganannya selesai.
    }
    • Petugas akan berusaha membantu. Saya tidak bisa menjanjikan hasilnya.
    • Anda boleh melewati pertanyaan mana pun.
    Apakah Anda setuju?
conv-ask-consent-short =
    Pesan singkat ini dikirim ke petugas perlindungan perempuan dan anak, dan ditandai segera.
    Jika perlu untuk menolong Anda, mereka bisa meneruskannya ke rumah sakit, rumah aman, KP2MI, atau polisi.
    { $days ->
        [0] Pesan ini disimpan sampai petugas menghapusnya.
       *[other] Pesan ini dihapus { $days } hari setelah penanganannya selesai.
    }
    Setelah ini saya hanya menanyakan di mana Anda, dan cara menghubungi Anda.
    Apakah Anda setuju?
conv-ask-police =
    Satu lagi tentang persetujuan Anda.
    Jika perlu, bolehkah petugas memberi tahu polisi tentang cerita Anda?
    Jawaban Anda dicatat bersama cerita Anda, dan petugas mengikutinya.

## Pertanyaan

conv-ask-reporter = Anda bercerita tentang diri sendiri, atau tentang orang lain?
conv-ask-behaviours = Apa yang terjadi? Pilih semua yang cocok, lalu tekan "Selesai memilih".
conv-chosen = Sudah dipilih: { $items }
conv-chosen-none = Belum ada yang dipilih.
conv-indicators-intro = Terima kasih. Ada beberapa pertanyaan ya atau tidak.
conv-ask-indicator =
    { $question }
    (pertanyaan { $number } dari { $total })
conv-ask-when = Kapan itu terjadi?
conv-ask-where = Di mana itu terjadi? Pilih provinsi, atau "Luar negeri".
conv-ask-regency = Di kabupaten atau kota mana? Jika tidak tahu, tekan "Lewati".
conv-ask-country = Di negara mana? Pilih, atau ketik nama negaranya.
conv-bad-country = Ketik nama negaranya saja, paling banyak 60 huruf.
conv-ask-now-where = { $who ->
        [myself] Di mana Anda sekarang?
       *[other] Di mana orang itu sekarang?
    }
conv-ask-origin = { $who ->
        [myself] Dari provinsi mana Anda berangkat ke luar negeri? Jika tidak tahu, tekan "Lewati".
       *[other] Dari provinsi mana orang itu berangkat ke luar negeri? Jika tidak tahu, tekan "Lewati".
    }
conv-ask-place = Di tempat seperti apa itu terjadi?
conv-ask-relation =
    Siapa yang melakukannya?
    Anda boleh melewati pertanyaan ini.
conv-recruiter-intro = Anda bisa membantu petugas menemukan orang yang merekrut. Semua pertanyaan ini boleh dilewati.
conv-ask-recruiter-names = Jika Anda tahu, tulis nama orang yang merekrut: agen, calo, atau sponsor. Satu pesan untuk tiap nama. Tekan "Lanjut" jika sudah.
conv-ask-recruiter-phones = Jika Anda tahu, tulis nomor telepon atau WhatsApp mereka. Satu pesan untuk tiap nomor. Tekan "Lanjut" jika sudah.
conv-ask-recruiter-accounts = Jika Anda tahu, tulis akun media sosial mereka, misalnya Facebook, Instagram, atau TikTok. Tekan "Lanjut" jika sudah.
conv-ask-recruiter-companies = Jika Anda tahu, tulis nama perusahaannya: PT, LPK, atau agen di luar negeri. Tekan "Lanjut" jika sudah.
conv-recruiter-kept = Tersimpan: { $count }. Tulis lagi, atau tekan "Lanjut".
conv-recruiter-not-kept = Ini tidak tersimpan. Tulis paling banyak 200 huruf, atau tekan "Lanjut".
conv-ask-perpetrator-sex = Orang yang melakukannya laki-laki atau perempuan?
conv-ask-age = { $who ->
        [myself] Berapa umur Anda?
       *[other] Berapa umur orang yang mengalaminya?
    }
conv-ask-child = { $who ->
        [myself] Apakah Anda masih anak-anak, di bawah 18 tahun?
       *[other] Apakah orang itu masih anak-anak, di bawah 18 tahun?
    }
conv-ask-sex = { $who ->
        [myself] Apa jenis kelamin Anda?
       *[other] Apa jenis kelamin orang itu?
    }
conv-ask-disability = { $who ->
        [myself] Apakah Anda sulit melihat, mendengar, berjalan, atau belajar?
       *[other] Apakah orang itu sulit melihat, mendengar, berjalan, atau belajar?
    }
conv-child-intro = { $who ->
        [myself] Anda berhak dilindungi. Ini bukan salah Anda.
       *[other] Terima kasih sudah peduli pada anak ini.
    }
conv-ask-child-danger = { $who ->
        [myself] Apakah Anda dalam bahaya sekarang?
       *[other] Apakah anak itu dalam bahaya sekarang?
    }
conv-ask-subdistrict = Di kecamatan atau desa mana? Ketik namanya, atau tekan "Lewati".
conv-bad-subdistrict = Ketik nama kecamatan atau desanya saja, paling banyak 60 huruf.

## Cerita

conv-ask-story =
    Ceritakan apa yang terjadi, dengan kata-kata Anda sendiri.
    Anda bisa mengetik, mengirim pesan suara, foto, atau dokumen. Boleh beberapa pesan.
    Tekan "Selesai" jika sudah. Anda boleh melewati bagian ini.
conv-story-saved = Tersimpan. Anda bisa menambah lagi, atau tekan "Selesai".
conv-story-full = Pesan ini tidak tersimpan, karena ceritanya sudah sangat panjang. Anda bisa mengirim pesan suara, atau tekan "Selesai".
conv-story-cleared = Cerita sudah dihapus. Anda bisa mulai lagi, atau tekan "Selesai".
conv-story-empty = Pesan kosong tidak tersimpan.
conv-thanks-story = Terima kasih sudah bercerita. Ini bukan salah Anda.
conv-kept-as-story = Tulisan ini saya simpan sebagai bagian dari cerita Anda.
conv-not-understood =
    Maaf, saya belum mengerti.
    Butuh bantuan sekarang? { $help }
    Ketik /darurat untuk semua nomor bantuan.

## Bantuan dan cara dihubungi

conv-ask-help = Bantuan apa yang Anda inginkan? Pilih semua yang cocok, lalu tekan "Selesai memilih".
conv-ask-contact =
    Bagaimana petugas boleh menghubungi Anda?
    "Tidak usah dihubungi" berarti petugas tidak bisa membalas, dan Anda tidak bisa menambah cerita nanti.
conv-ask-phone = Ketik nomor telepon yang aman untuk menghubungi Anda.
conv-bad-phone = Nomor ini belum bisa saya baca. Ketik angkanya saja, misalnya 0812 3456 7890.
conv-ask-phone-via = Lewat apa petugas boleh menghubungi nomor itu?
conv-ask-safe-times = Kapan waktu yang aman untuk menghubungi Anda? Pilih semua yang cocok, lalu tekan "Selesai memilih".

## Kata aman

conv-ask-safe-word-offer =
    Anda bisa membuat kata aman.
    Jika Anda mengetik kata itu kapan saja, saya langsung menunjukkan nomor bantuan.
    Pilih kata biasa, misalnya nama buah.
conv-ask-safe-word = Ketik kata aman Anda. Satu atau dua kata saja.
conv-bad-safe-word = Kata aman paling banyak 32 huruf, dan tidak diawali tanda /.
conv-safe-word-set = Kata aman Anda tersimpan. Ketik kata itu kapan saja untuk melihat nomor bantuan.
conv-ask-silent-alarm =
    Jika Anda mengetik kata aman, bolehkah saya juga diam-diam memberi tahu petugas bahwa Anda butuh bantuan segera?
    Layar Anda hanya menunjukkan nomor bantuan, tidak lebih.
    Ini hanya bisa jika petugas boleh menghubungi Anda.

## Ringkasan

conv-summary-intro =
    Ini ringkasan cerita Anda. Periksa dulu, dan ubah bagian mana pun jika perlu.
    Cerita baru terkirim jika Anda menekan "Kirim ke petugas".
conv-sum-skipped = dilewati
conv-sum-safe = Aman sekarang: { $value }
conv-sum-police = Boleh memberi tahu polisi: { $value }
conv-sum-reporter = Yang mengalami: { $value }
conv-sum-behaviours = Yang terjadi: { $value }
conv-sum-indicators = Pertanyaan ya/tidak, dijawab "ya": { $value }
conv-sum-when = Kapan: { $value }
conv-sum-where = Di mana: { $value }
conv-sum-now = Sekarang: { $value }
conv-sum-origin = Berangkat dari: { $value }
conv-sum-place = Tempat: { $value }
conv-sum-relation = Yang melakukan: { $value }
conv-sum-recruiter = Catatan tentang perekrut: { $value }
conv-sum-perpetrator-sex = Jenis kelamin yang melakukan: { $value }
conv-sum-age = Umur: { $value }
conv-sum-sex = Jenis kelamin: { $value }
conv-sum-disability = Sulit melihat, mendengar, berjalan, atau belajar: { $value }
conv-sum-subdistrict = Kecamatan atau desa: { $value }
conv-sum-story = Cerita: { $value }
conv-sum-story-counts = { $texts } pesan tulisan, { $files } file
conv-sum-help = Bantuan: { $value }
conv-sum-contact = Cara dihubungi: { $value }
conv-sum-phone-via = Lewat: { $value }
conv-sum-safe-times = Waktu aman: { $value }
conv-sum-safe-word = Kata aman: { $value }
conv-sum-safe-word-set = sudah dibuat
conv-sum-safe-word-alarm = sudah dibuat, juga memberi tahu petugas

## Mengirim

conv-sending = Sedang mengirim. Tunggu sebentar.
conv-send-failed = Maaf, cerita Anda belum terkirim. Cerita Anda masih ada di sini. Silakan tekan "Kirim ke petugas" lagi.
conv-receipt =
    Terima kasih sudah bercerita. Ini bukan salah Anda.
    Cerita Anda sudah terkirim ke petugas.

    Kode Anda: { $code }

    Simpan kode ini di tempat yang aman. Kode ini hanya ditampilkan sekali.
    { $contact ->
        [yes] Kode ini juga membuka pesan dari petugas.
       *[no] Dengan kode ini Anda bisa melihat kabar.
    }
conv-next-steps =
    Yang terjadi selanjutnya:
    • Petugas akan membaca cerita Anda, lalu menghubungi Anda dengan cara yang Anda pilih.
    • Jika ada kabar, Anda menerima satu pesan pendek, tanpa isi. Ketik /pesan, lalu kode atau PIN Anda, untuk membacanya.
    • Ketik /tambah untuk menambah informasi atau membalas petugas. Kode atau PIN Anda juga diminta.
    • Anda bisa membuat PIN dengan tombol di bawah, supaya tidak perlu mengetik kode yang panjang.
    • Ketik /status lalu kode Anda untuk melihat kabar.
    • Ketik /hapus untuk menghapus obrolan ini.
    Jika Anda dalam bahaya, jangan menunggu. Hubungi:
conv-next-steps-no-contact =
    Yang terjadi selanjutnya:
    • Petugas akan membaca cerita Anda.
    • Anda memilih tidak dihubungi. Jadi petugas tidak bisa membalas, dan cerita ini tidak bisa ditambah lagi dari sini.
    • Ketik /status lalu kode Anda untuk melihat kabar.
    • Ketik /hapus untuk menghapus obrolan ini.
    Jika Anda dalam bahaya, jangan menunggu. Hubungi:
conv-done-hint = { $contact ->
        [yes] Cerita Anda sudah terkirim. Ketik /mulai untuk cerita baru, /status lalu kode Anda untuk melihat kabar, atau /pesan untuk pesan dari petugas.
       *[no] Cerita Anda sudah terkirim. Ketik /mulai untuk cerita baru, atau /status lalu kode Anda untuk melihat kabar.
    }

## PIN dan kunci pesan

conv-ask-pin = Ketik PIN 4 sampai 8 angka. Jangan pakai tanggal lahir. Pesan Anda langsung saya hapus dari layar.
conv-bad-pin = PIN ini tidak bisa dipakai. Ketik 4 sampai 8 angka, jangan yang mudah ditebak seperti 1234 atau 0000.
conv-pin-set = PIN Anda tersimpan. Untuk /pesan dan /tambah, Anda bisa memakai PIN ini atau kode Anda.
conv-ask-unlock-messages = Ketik kode atau PIN Anda untuk membuka pesan. Pesan Anda langsung saya hapus dari layar.
conv-ask-unlock-reply = Ketik kode atau PIN Anda dulu. Pesan Anda langsung saya hapus dari layar.
conv-unlock-wrong = Kode atau PIN itu tidak cocok. Coba lagi, atau tekan "Batal".
conv-ok = Baik.

## Pesan untuk petugas, setelah cerita terkirim

conv-ask-reply =
    Ketik pesan Anda untuk petugas, dalam satu pesan.
    Pesan ini masuk ke cerita terakhir yang Anda kirim dari obrolan ini.
    Tekan "Batal" jika tidak jadi.
conv-reply-text-only = Di sini saya hanya bisa menyimpan pesan tulisan, jadi file ini tidak tersimpan. Silakan ketik pesan Anda.
conv-reply-finish-first =
    Ada cerita yang sedang Anda isi dan belum terkirim. Cerita itu tetap tersimpan di sini.
    Kirim cerita itu dulu, atau ketik /batal untuk berhenti. Setelah itu, Anda bisa mengirim pesan ke petugas.
conv-reply-cancelled = Baik, pesan tidak dikirim.
conv-reply-stored = Terkirim. Terima kasih. Petugas akan membaca pesan Anda. Ketik /tambah jika ingin menambah lagi.
conv-reply-no-report =
    Pesan Anda tidak tersimpan, karena belum ada cerita terkirim yang terhubung dengan obrolan ini.
    Ini terjadi jika belum ada cerita yang dikirim dari sini. Ini juga terjadi jika Anda memilih tidak dihubungi: dengan pilihan itu, cerita Anda sengaja tidak dihubungkan dengan obrolan ini, supaya Anda tetap aman.
    Ketik /mulai jika Anda ingin bercerita lagi.
conv-reply-failed = Maaf, pesan Anda belum terkirim. Silakan kirim sekali lagi.

## Berhenti, nomor bantuan, hapus

conv-stopped = Baik, kita berhenti di sini. Tidak ada yang dikirim, dan jawaban Anda sudah dihapus. Bantuan tetap ada untuk Anda:
conv-stopped-hint = Ketik /mulai jika Anda ingin bercerita lagi. Ketik /darurat untuk melihat nomor bantuan.
conv-contacts = Nomor bantuan:
conv-erased = Oke.

## Perintah

conv-lang-choose = Pilih bahasa.
conv-status-need-code = Ketik /status, spasi, lalu kode Anda.
conv-help =
    Saya Suara, sebuah bot. Perintah yang bisa Anda pakai:
    /mulai – mulai bercerita
    /darurat – nomor bantuan
    /kataaman – buat kata aman
    /bahasa – ganti bahasa
    /status – lihat kabar, dengan kode Anda
    /pesan – baca pesan dari petugas, dengan kode atau PIN Anda
    /tambah – kirim pesan ke petugas, dengan kode atau PIN Anda
    /batal – berhenti
    /hapus – hapus obrolan ini

    "Keluar cepat" dan /hapus menghapus pesan di obrolan ini. Yang tidak bisa saya hapus:
    • pesan yang lebih lama dari 48 jam;
    • notifikasi yang sudah muncul di HP;
    • foto atau file yang sudah tersimpan di galeri;
    • riwayat panggilan, jika Anda menelepon nomor bantuan.
    Hapus juga obrolan ini di Telegram, dan periksa galeri serta riwayat panggilan. Aplikasi penyadap di HP tidak bisa saya lihat atau hapus.
conv-unknown-command = Perintah itu tidak saya kenal. Ketik /bantuan untuk melihat daftar perintah.

## Pesan yang tidak bisa dipakai

conv-stale-button = Tombol itu sudah tidak berlaku. Silakan pakai tombol di bawah ini.
conv-file-not-now = File ini tidak saya simpan sekarang. Anda bisa mengirimnya saat bercerita.
conv-file-too-many = Sudah banyak file, jadi yang ini tidak tersimpan. Anda masih bisa mengetik atau menekan "Selesai".
conv-file-too-large = File ini terlalu besar, jadi tidak tersimpan. Coba kirim file yang lebih kecil.
conv-file-kept = File Anda tersimpan bersama cerita Anda.
conv-unsupported-sticker = Stiker tidak bisa saya baca.
conv-unsupported-location = Lokasi dari peta tidak saya simpan, supaya Anda tetap aman. Pilih daerah dengan tombol saat ditanya.
conv-unsupported-contact = Kontak tidak saya simpan. Di akhir, Anda bisa memilih cara dihubungi.
conv-unsupported-poll = Polling tidak bisa saya baca.
conv-unsupported-forward = Pesan terusan tidak saya simpan, supaya nama pengirim aslinya tidak ikut tercatat. Anda bisa menyalin isinya, atau mengirim tangkapan layar.
conv-unsupported-other = Jenis pesan ini tidak bisa saya baca.
conv-edited = Pesan yang diubah tidak ikut tersimpan. Jika ingin menambah atau memperbaiki, kirim pesan baru.

## Pemberitahuan tanpa diminta (tampil di layar kunci; tanpa perintah)

notice-update = Ada kabar baru.
