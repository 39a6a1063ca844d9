### Teks bot untuk pelapor. Sapa dengan "Anda". Kalimat pendek.

## Sambutan sementara, sampai percakapan lengkap tersedia

welcome-interim = Halo. Ini Suara, sebuah bot. Saya bukan orang dan bukan layanan darurat.
    Layanan bercerita lewat bot ini sedang disiapkan.
    Jika Anda dalam bahaya sekarang, hubungi:

## Tombol dan keluar cepat

button-quick-exit = Keluar cepat
quick-exit-done = Selesai.
