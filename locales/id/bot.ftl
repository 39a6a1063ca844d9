### Teks bot untuk pelapor. Sapa dengan "Anda". Kalimat pendek.

## Sambutan sementara, sampai percakapan lengkap tersedia

welcome-interim = Halo. Ini Suara, sebuah bot. Saya bukan orang dan bukan layanan darurat.
    Layanan bercerita lewat bot ini sedang disiapkan.
    Jika Anda dalam bahaya sekarang, hubungi:

## Tombol dan keluar cepat

button-quick-exit = Keluar cepat
quick-exit-done = Selesai.

## Menu perintah (terlihat di layar, jadi netral)

command-start = Mulai
command-darurat = Nomor bantuan
command-hapus = Hapus percakapan ini
command-status = Lihat status dengan kode
command-tambah = Tambah atau balas pesan
command-pesan = Baca pesan
command-bahasa = Ganti bahasa
command-batal = Berhenti
command-bantuan = Cara memakai bot ini

## Deskripsi bot (setMyDescription / setMyShortDescription; netral)

bot-description = Suara adalah bot layanan { -operator }. Anda bisa bertanya, bercerita, dan mendapat nomor bantuan. Bot ini bukan orang dan bukan layanan darurat.
bot-short-description = Bot layanan { -operator }.

## Grup

group-private-only = Bot ini hanya bekerja di obrolan pribadi. Saya keluar dari grup ini.

## Status dan pesan

status-invalid-code = Kode itu tidak bisa dibaca. Periksa lagi hurufnya, lalu ketik /status dan kode Anda.
status-not-found = Kode itu tidak ditemukan. Periksa lagi, lalu coba sekali lagi.
status-heading = Status:
messages-none = Belum ada pesan untuk Anda.
messages-heading = Pesan dari petugas:
