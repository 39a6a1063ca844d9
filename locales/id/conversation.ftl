### Percakapan bercerita. Sapa dengan "Anda". Kalimat pendek, satu gagasan.
### Satu nama untuk satu hal: "petugas", "kode", "pesan".
### Tombol (conv-btn-*, conv-edit-*) paling banyak 24 karakter.
### Teks yang bisa muncul tanpa diminta (notice-update, conv-erased) tidak
### menyebut hal yang sensitif, karena tampil di layar kunci.

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

## Tombol ubah di ringkasan

conv-edit-safety = Ubah: aman
conv-edit-reporter = Ubah: siapa
conv-edit-behaviours = Ubah: yang terjadi
conv-edit-when = Ubah: kapan
conv-edit-where = Ubah: di mana
conv-edit-relation = Ubah: yang melakukan
conv-edit-victim = Ubah: umur, kelamin
conv-edit-story = Ubah: cerita
conv-edit-help = Ubah: bantuan
conv-edit-contact = Ubah: cara dihubungi
conv-edit-safe_word = Ubah: kata aman

## Sambutan

conv-welcome =
    Halo. Ini Suara, sebuah bot.
    Saya bukan orang, dan bukan layanan darurat.
    Di sini Anda bisa bercerita jika ada yang tidak beres, pada Anda atau orang lain. Nama Anda tidak ditanyakan.

    Privasi Anda:
    • Cerita Anda dikunci. Hanya petugas yang bisa membukanya.
    • Telegram tetap bisa melihat bahwa Anda memakai bot ini.
    • Tombol "Keluar cepat" menghapus obrolan ini kapan saja.

    Pilih bahasa, lalu tekan Mulai.

## Aman sekarang?

conv-ask-safe-now =
    Apakah Anda aman sekarang?
    Jika Anda bercerita untuk orang lain, jawablah untuk orang itu.
conv-not-safe = Jika Anda dalam bahaya, segera hubungi:
conv-danger-sign = Terima kasih sudah memberi tahu. Jika ada bahaya sekarang, segera hubungi:

## Persetujuan

conv-ask-consent =
    Sebelum Anda bercerita:
    • Cerita Anda hanya dibaca petugas perlindungan perempuan dan anak.
    • Cerita baru terkirim jika Anda menekan "Kirim ke petugas" di akhir. Sebelum itu, Anda boleh berhenti kapan saja.
    • Setelah terkirim, Anda mendapat kode. Dengan kode itu Anda bisa melihat kabar dan membaca pesan dari petugas.
    • Petugas akan berusaha membantu. Saya tidak bisa menjanjikan hasilnya.
    • Anda boleh melewati pertanyaan mana pun.
    Apakah Anda setuju?

## Pertanyaan

conv-ask-reporter = Anda bercerita tentang diri sendiri, atau tentang orang lain?
conv-ask-behaviours = Apa yang terjadi? Pilih semua yang cocok, lalu tekan "Selesai memilih".
conv-chosen = Sudah dipilih: { $items }
conv-chosen-none = Belum ada yang dipilih.
conv-indicators-intro =
    Terima kasih. Ada beberapa pertanyaan ya atau tidak.
    Jika Anda bercerita untuk orang lain, jawablah untuk orang itu.
conv-ask-indicator =
    { $question }
    (pertanyaan { $number } dari { $total })
conv-ask-when = Kapan itu terjadi?
conv-ask-where = Di mana itu terjadi? Pilih provinsi, atau "Luar negeri".
conv-ask-regency = Di kabupaten atau kota mana? Jika tidak tahu, tekan "Lewati".
conv-ask-country = Di negara mana? Ketik nama negaranya.
conv-bad-country = Ketik nama negaranya saja, paling banyak 60 huruf.
conv-ask-relation =
    Siapa yang melakukannya?
    Anda boleh melewati pertanyaan ini.
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

## Cerita

conv-ask-story =
    Ceritakan apa yang terjadi, dengan kata-kata Anda sendiri.
    Anda bisa mengetik, mengirim pesan suara, foto, atau dokumen. Boleh beberapa pesan.
    Tekan "Selesai" jika sudah. Anda boleh melewati bagian ini.
conv-story-saved = Tersimpan. Anda bisa menambah lagi, atau tekan "Selesai".
conv-story-full = Pesan ini tidak tersimpan, karena ceritanya sudah sangat panjang. Anda bisa mengirim pesan suara, atau tekan "Selesai".
conv-story-cleared = Cerita sudah dihapus. Anda bisa mulai lagi, atau tekan "Selesai".
conv-thanks-story = Terima kasih sudah bercerita. Ini bukan salah Anda.

## Bantuan dan cara dihubungi

conv-ask-help = Bantuan apa yang Anda inginkan? Pilih semua yang cocok, lalu tekan "Selesai memilih".
conv-ask-contact = Bagaimana petugas boleh menghubungi Anda?
conv-ask-phone = Ketik nomor telepon yang aman untuk menghubungi Anda.
conv-bad-phone = Nomor ini belum bisa saya baca. Ketik angkanya saja, misalnya 0812 3456 7890.

## Kata aman

conv-ask-safe-word-offer =
    Anda bisa membuat kata aman.
    Jika Anda mengetik kata itu kapan saja, saya langsung menunjukkan nomor bantuan.
    Pilih kata biasa, misalnya nama buah.
conv-ask-safe-word = Ketik kata aman Anda. Satu atau dua kata saja.
conv-bad-safe-word = Kata aman paling banyak 32 huruf, dan tidak diawali tanda /.
conv-safe-word-set = Kata aman Anda tersimpan. Ketik kata itu kapan saja untuk melihat nomor bantuan.

## Ringkasan

conv-summary-intro =
    Ini ringkasan cerita Anda. Periksa dulu, dan ubah bagian mana pun jika perlu.
    Cerita baru terkirim jika Anda menekan "Kirim ke petugas".
conv-sum-skipped = dilewati
conv-sum-safe = Aman sekarang: { $value }
conv-sum-reporter = Yang mengalami: { $value }
conv-sum-behaviours = Yang terjadi: { $value }
conv-sum-indicators = Pertanyaan ya/tidak, dijawab "ya": { $value }
conv-sum-when = Kapan: { $value }
conv-sum-where = Di mana: { $value }
conv-sum-relation = Yang melakukan: { $value }
conv-sum-age = Umur: { $value }
conv-sum-sex = Jenis kelamin: { $value }
conv-sum-story = Cerita: { $value }
conv-sum-story-counts = { $texts } pesan tulisan, { $files } file
conv-sum-help = Bantuan: { $value }
conv-sum-contact = Cara dihubungi: { $value }
conv-sum-safe-word = Kata aman: { $value }
conv-sum-safe-word-set = sudah dibuat

## Mengirim

conv-sending = Sedang mengirim. Tunggu sebentar.
conv-send-failed = Maaf, cerita Anda belum terkirim. Cerita Anda masih ada di sini. Silakan tekan "Kirim ke petugas" lagi.
conv-receipt =
    Terima kasih sudah bercerita. Ini bukan salah Anda.
    Cerita Anda sudah terkirim ke petugas.

    Kode Anda: { $code }

    Simpan kode ini di tempat yang aman. Kode ini hanya ditampilkan sekali.
conv-next-steps =
    Yang terjadi selanjutnya:
    • Petugas akan membaca cerita Anda.
    • Jika Anda mengizinkan, petugas menghubungi Anda dengan cara yang Anda pilih.
    • Ketik /status lalu kode Anda untuk melihat kabar. Ketik /pesan untuk membaca pesan dari petugas.
    • Ketik /tambah untuk menambah informasi atau membalas petugas.
    • Ketik /hapus untuk menghapus obrolan ini.
    Jika Anda dalam bahaya, jangan menunggu. Hubungi:
conv-done-hint = Cerita Anda sudah terkirim. Ketik /mulai untuk cerita baru, atau /status lalu kode Anda untuk melihat kabar. Ketik /tambah untuk menambah informasi.

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
conv-erased = Selesai. Pesan yang lebih lama dari 48 jam, notifikasi, dan aplikasi penyadap di HP tidak bisa saya hapus. Untuk membersihkan sisanya, hapus obrolan ini di Telegram.

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
    /pesan – baca pesan dari petugas
    /tambah – kirim pesan ke petugas
    /batal – berhenti
    /hapus – hapus obrolan ini
conv-unknown-command = Perintah itu tidak saya kenal. Ketik /bantuan untuk melihat daftar perintah.

## Pesan yang tidak bisa dipakai

conv-use-buttons = Silakan pilih salah satu tombol di bawah.
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

## Pemberitahuan tanpa diminta (tampil di layar kunci)

notice-update = Ada pembaruan untuk Anda. Ketik /pesan untuk membuka.
