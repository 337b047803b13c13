<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID">
<context>
    <name>AddressSection</name>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>&amp;Address (street, house)</source>
        <translation>&amp;Alamat (jalan, rumah)</translation>
    </message>
    <message>
        <source>R&amp;T</source>
        <translation>R&amp;T</translation>
    </message>
    <message>
        <source>&amp;Province</source>
        <translation>&amp;Provinsi</translation>
    </message>
    <message>
        <source>Re&amp;gency/city</source>
        <translation>&amp;Kabupaten/kota</translation>
    </message>
    <message>
        <source>Kecamata&amp;n</source>
        <translation>K&amp;ecamatan</translation>
    </message>
    <message>
        <source>&amp;Village (desa/kelurahan)</source>
        <translation>&amp;Desa/kelurahan</translation>
    </message>
    <message>
        <source>R&amp;W</source>
        <translation>R&amp;W</translation>
    </message>
    <message>
        <source>Type the village name</source>
        <translation>Ketik nama desa/kelurahan</translation>
    </message>
    <message>
        <source>Type to search</source>
        <translation>Ketik untuk mencari</translation>
    </message>
</context>
<context>
    <name>Badges</name>
    <message>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Menunggu kirim</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Mengirim</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Resent</source>
        <translation>Terkirim ulang</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Disetujui</translation>
    </message>
    <message>
        <source>Needs correction</source>
        <translation>Perlu perbaikan</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Tidak valid</translation>
    </message>
    <message>
        <source>Contact admin</source>
        <translation>Hubungi admin</translation>
    </message>
    <message>
        <source>Only on this laptop; not sent.</source>
        <translation>Hanya di laptop ini; belum dikirim.</translation>
    </message>
    <message>
        <source>Saved, not sent yet</source>
        <translation>Tersimpan, belum terkirim</translation>
    </message>
    <message>
        <source>Being sent to the server now.</source>
        <translation>Sedang dikirim ke server.</translation>
    </message>
    <message>
        <source>Received by the server</source>
        <translation>Diterima server</translation>
    </message>
    <message>
        <source>Corrected and received by the server again.</source>
        <translation>Sudah diperbaiki dan diterima server lagi.</translation>
    </message>
    <message>
        <source>Approved by the supervisor; read-only.</source>
        <translation>Disetujui pengawas; hanya bisa dilihat.</translation>
    </message>
    <message>
        <source>The supervisor asks for a correction.</source>
        <translation>Pengawas meminta perbaikan.</translation>
    </message>
    <message>
        <source>Rejected by the supervisor.</source>
        <translation>Ditolak pengawas.</translation>
    </message>
    <message>
        <source>Withdrawn by you.</source>
        <translation>Dibatalkan oleh Anda.</translation>
    </message>
    <message>
        <source>Changed on the server too: choose a version.</source>
        <translation>Juga diubah di server: pilih versi.</translation>
    </message>
    <message>
        <source>The server refused some fields: fix them.</source>
        <translation>Server menolak beberapa bagian: perbaiki.</translation>
    </message>
    <message>
        <source>The server refused this record: contact the admin.</source>
        <translation>Server menolak data ini: hubungi admin.</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Kemungkinan duplikat</translation>
    </message>
    <message>
        <source>Outside the area</source>
        <translation>Luar wilayah</translation>
    </message>
    <message>
        <source>Attachments incomplete</source>
        <translation>Lampiran belum lengkap</translation>
    </message>
    <message>
        <source>Restricted</source>
        <translation>Dibatasi</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare: possible duplicate</source>
        <translation>Bandingkan: kemungkinan duplikat</translation>
    </message>
    <message>
        <source>Records with the same NIK. Differences are marked {mark}.</source>
        <translation>Data dengan NIK yang sama. Perbedaan ditandai {mark}.</translation>
    </message>
    <message>
        <source>Note for re&amp;jecting</source>
        <translation>&amp;Catatan penolakan</translation>
    </message>
    <message>
        <source>&amp;Not a duplicate</source>
        <translation>&amp;Bukan duplikat</translation>
    </message>
    <message>
        <source>Reject as &amp;duplicate</source>
        <translation>Tolak sebagai &amp;duplikat</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Outside your areas: {area} · {state} · match: NIK</source>
        <translation>Di luar wilayah Anda: {area} · {state} · cocok: NIK</translation>
    </message>
    <message>
        <source>Same NIK as another enrollment.</source>
        <translation>NIK sama dengan pendaftaran lain.</translation>
    </message>
    <message>
        <source>{name} · {agent} · {area} · {state}</source>
        <translation>{name} · {agent} · {area} · {state}</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Bidang</translation>
    </message>
    <message>
        <source>This record ({agent})</source>
        <translation>Data ini ({agent})</translation>
    </message>
    <message>
        <source>Other record ({agent})</source>
        <translation>Data lain ({agent})</translation>
    </message>
    <message>
        <source>Other record</source>
        <translation>Data lain</translation>
    </message>
    <message>
        <source>match: NIK</source>
        <translation>cocok: NIK</translation>
    </message>
    <message>
        <source>Already marked: not a duplicate.</source>
        <translation>Sudah ditandai: bukan duplikat.</translation>
    </message>
    <message>
        <source>Write a note: it is required unless approving.</source>
        <translation>Tulis catatan: wajib kecuali menyetujui.</translation>
    </message>
</context>
<context>
    <name>ConsentSection</name>
    <message>
        <source>Consent</source>
        <translation>Persetujuan</translation>
    </message>
    <message>
        <source>Notice &amp;read aloud</source>
        <translation>Sudah &amp;dibacakan</translation>
    </message>
    <message>
        <source>&amp;Witness</source>
        <translation>&amp;Saksi</translation>
    </message>
    <message>
        <source>Name of the witness</source>
        <translation>Nama saksi</translation>
    </message>
    <message>
        <source>&amp;Enrolment (required)</source>
        <translation>Pendaftaran (&amp;wajib)</translation>
    </message>
    <message>
        <source>Contribution &amp;aid (optional)</source>
        <translation>Bantuan iuran (pi&amp;lihan)</translation>
    </message>
    <message>
        <source>Signature on screen</source>
        <translation>Tanda tangan di layar</translation>
    </message>
    <message>
        <source>Paper form number</source>
        <translation>Nomor formulir kertas</translation>
    </message>
    <message>
        <source>Participant's signature</source>
        <translation>Tanda tangan peserta</translation>
    </message>
    <message>
        <source>Agent's signature</source>
        <translation>Tanda tangan petugas</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Clear participant's signature</source>
        <translation>Hapus tanda tangan peserta</translation>
    </message>
    <message>
        <source>Clear agent's signature</source>
        <translation>Hapus tanda tangan petugas</translation>
    </message>
    <message>
        <source>Signed on screen</source>
        <translation>Sudah ditandatangani di layar</translation>
    </message>
    <message>
        <source>Participant's signature pad</source>
        <translation>Bidang tanda tangan peserta</translation>
    </message>
    <message>
        <source>Agent's signature pad</source>
        <translation>Bidang tanda tangan petugas</translation>
    </message>
    <message>
        <source>Privacy &amp;notice, version {version}</source>
        <translation>&amp;Pemberitahuan privasi, versi {version}</translation>
    </message>
    <message>
        <source>Proof of c&amp;onsent</source>
        <translation>&amp;Bukti persetujuan</translation>
    </message>
    <message>
        <source>Paper &amp;form no.</source>
        <translation>&amp;Nomor formulir</translation>
    </message>
    <message>
        <source>&amp;Guardian (under 18)</source>
        <translation>Wal&amp;i (di bawah 18 th)</translation>
    </message>
    <message>
        <source>Guardian's name</source>
        <translation>Nama wali</translation>
    </message>
    <message>
        <source>Re&amp;lationship</source>
        <translation>&amp;Hubungan</translation>
    </message>
    <message>
        <source>NI&amp;K</source>
        <translation>NI&amp;K</translation>
    </message>
</context>
<context>
    <name>CorrectionsModel</name>
    <message>
        <source>Issue</source>
        <translation>Masalah</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Supervisor note</source>
        <translation>Catatan pengawas</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Bidang</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Choose which version to keep</source>
        <translation>Pilih versi yang dipakai</translation>
    </message>
</context>
<context>
    <name>CoverageActions</name>
    <message>
        <source>Events</source>
        <translation>Kegiatan</translation>
    </message>
    <message>
        <source>Events and follow-ups (Ctrl+4)</source>
        <translation>Kegiatan dan tindak lanjut (Ctrl+4)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dasbor</translation>
    </message>
    <message>
        <source>Dashboard (Ctrl+5)</source>
        <translation>Dasbor (Ctrl+5)</translation>
    </message>
    <message>
        <source>Event: new prospects join it</source>
        <translation>Kegiatan: prospek baru masuk ke kegiatan ini</translation>
    </message>
    <message>
        <source>Follow-ups due: {today} today, {late} overdue (Ctrl+4)</source>
        <translation>Tindak lanjut jatuh tempo: {today} hari ini, {late} terlambat (Ctrl+4)</translation>
    </message>
    <message>
        <source>No event</source>
        <translation>Tanpa kegiatan</translation>
    </message>
    <message>
        <source>Event: {name}</source>
        <translation>Kegiatan: {name}</translation>
    </message>
    <message>
        <source>Event: {name} · {date}</source>
        <translation>Kegiatan: {name} · {date}</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>Jangkau</source>
        <translation>Jangkau</translation>
    </message>
    <message>
        <source>Something went wrong. Your saved records are safe. Please tell your supervisor; the details are in the log folder.</source>
        <translation>Ada yang tidak beres. Data yang sudah tersimpan aman. Beri tahu pengawas; rinciannya ada di folder log.</translation>
    </message>
    <message>
        <source>Code: {code}</source>
        <translation>Kode: {code}</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>By</source>
        <translation>Menurut</translation>
    </message>
    <message>
        <source>&amp;Village</source>
        <translation>&amp;Desa/Kelurahan</translation>
    </message>
    <message>
        <source>&amp;District</source>
        <translation>&amp;Kecamatan</translation>
    </message>
    <message>
        <source>Re&amp;gency</source>
        <translation>Ka&amp;bupaten/Kota</translation>
    </message>
    <message>
        <source>&amp;Occupation</source>
        <translation>&amp;Pekerjaan</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Minggu</translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation>Pe&amp;tugas</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>Pe&amp;riode</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Bulan ini</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Minggu ini</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 hari terakhir</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Tahun ini</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Semua waktu</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Segarkan</translation>
    </message>
    <message>
        <source>E&amp;xport PDF</source>
        <translation>&amp;Ekspor PDF</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Kegiatan</translation>
    </message>
    <message>
        <source>New prospects</source>
        <translation>Prospek baru</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Disetujui</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <source>Enrolment stages</source>
        <translation>Tahapan pendaftaran</translation>
    </message>
    <message>
        <source>Branch baseline</source>
        <translation>Dasar cabang</translation>
    </message>
    <message>
        <source>No data yet.</source>
        <translation>Belum ada data.</translation>
    </message>
    <message>
        <source>No branch baseline.</source>
        <translation>Data dasar cabang belum ada.</translation>
    </message>
    <message>
        <source>Prospects</source>
        <translation>Prospek</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Sasaran</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Cakupan</translation>
    </message>
    <message>
        <source>(not filled in)</source>
        <translation>(tidak diisi)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>Outreach events held in the period.</source>
        <translation>Kegiatan sosialisasi dalam periode ini.</translation>
    </message>
    <message>
        <source>People recorded in the period.</source>
        <translation>Orang yang dicatat dalam periode ini.</translation>
    </message>
    <message>
        <source>Of those people, how many the supervisor approved.</source>
        <translation>Dari orang itu, berapa yang sudah disetujui pengawas.</translation>
    </message>
    <message>
        <source>Open visits and calls due by the end of the period.</source>
        <translation>Kunjungan dan telepon yang belum selesai dan jatuh tempo paling lambat akhir periode.</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa/Kelurahan</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Regency</source>
        <translation>Kabupaten/Kota</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Minggu</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>Diperbarui {time}</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Dihubungi</translation>
    </message>
    <message>
        <source>Interested</source>
        <translation>Tertarik</translation>
    </message>
    <message>
        <source>Form printed</source>
        <translation>Formulir dicetak</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Dikirim</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Orang</translation>
    </message>
    <message>
        <source>By {breakdown}</source>
        <translation>Menurut {breakdown}</translation>
    </message>
    <message>
        <source>{as_of}: {n} active BPU participants ({share})</source>
        <translation>{as_of}: {n} peserta BPU aktif ({share})</translation>
    </message>
    <message>
        <source>+{n} approved</source>
        <translation>+{n} disetujui</translation>
    </message>
    <message>
        <source>{n} active participants</source>
        <translation>{n} peserta aktif</translation>
    </message>
    <message>
        <source>{name}. Approved in this view: {share} of the baseline. Not published per regency.</source>
        <translation>{name}. Disetujui di tampilan ini: {share} dari data dasar. Tidak tersedia per kabupaten/kota.</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Ekspor PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the PDF…</source>
        <translation>Menyimpan PDF…</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Tersimpan: {path}</translation>
    </message>
</context>
<context>
    <name>DecisionFlow</name>
    <message>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <source>Not sent: review needs a connection. Your note is kept.</source>
        <translation>Belum terkirim: pemeriksaan butuh koneksi. Catatan Anda tetap ada.</translation>
    </message>
    <message>
        <source>Sign in again; your note is kept.</source>
        <translation>Masuk lagi; catatan Anda tetap ada.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Bandingkan</translation>
    </message>
    <message>
        <source>Approve {n} records?</source>
        <translation>Setujui {n} data?</translation>
    </message>
    <message>
        <source>{n} are skipped: flagged, with errors or already decided.</source>
        <translation>{n} dilewati: bertanda, ada kesalahan, atau sudah diputuskan.</translation>
    </message>
    <message>
        <source>Approve selected</source>
        <translation>Setujui yang dipilih</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Setujui</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Approving {n} records…</source>
        <translation>Menyetujui {n} data…</translation>
    </message>
    <message>
        <source>{n} records approved.</source>
        <translation>{n} data disetujui.</translation>
    </message>
    <message>
        <source>{n} not approved: they changed or need a closer look.</source>
        <translation>{n} tidak disetujui: sudah berubah atau perlu diperiksa lebih teliti.</translation>
    </message>
    <message>
        <source>Decision undone.</source>
        <translation>Keputusan diurungkan.</translation>
    </message>
    <message>
        <source>Marked as not a duplicate.</source>
        <translation>Ditandai bukan duplikat.</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>&amp;Note*</source>
        <translation>&amp;Catatan*</translation>
    </message>
    <message>
        <source>Required unless approving</source>
        <translation>Wajib kecuali menyetujui</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Alasan</translation>
    </message>
    <message>
        <source>Choose a reason</source>
        <translation>Pilih alasan</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Setujui</translation>
    </message>
    <message>
        <source>Approve (Alt+S)</source>
        <translation>Setujui (Alt+S)</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Tolak</translation>
    </message>
    <message>
        <source>Reject with a reason (Alt+T)</source>
        <translation>Tolak dengan alasan (Alt+T)</translation>
    </message>
    <message>
        <source>Reopen for correction</source>
        <translation>Buka kembali untuk perbaikan</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>Kembalikan untuk perbaikan</translation>
    </message>
    <message>
        <source>Review needs a connection.</source>
        <translation>Pemeriksaan butuh koneksi.</translation>
    </message>
    <message>
        <source>Field notes: {n} ({names})</source>
        <translation>Catatan bidang: {n} ({names})</translation>
    </message>
    <message>
        <source>Field notes: none (Ctrl+M adds one)</source>
        <translation>Catatan bidang: belum ada (Ctrl+M menambah)</translation>
    </message>
    <message>
        <source>Write a note: it is required unless approving.</source>
        <translation>Tulis catatan: wajib kecuali menyetujui.</translation>
    </message>
    <message>
        <source>The note is too long (at most {n} characters).</source>
        <translation>Catatan terlalu panjang (paling banyak {n} karakter).</translation>
    </message>
    <message>
        <source>Choose the reason for rejecting.</source>
        <translation>Pilih alasan penolakan.</translation>
    </message>
    <message>
        <source>Field notes go with a return. Remove them or return the record.</source>
        <translation>Catatan bidang hanya untuk pengembalian. Hapus, atau kembalikan data ini.</translation>
    </message>
</context>
<context>
    <name>DueListModel</name>
    <message>
        <source>Due</source>
        <translation>Jatuh tempo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa/Kel.</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Nomor HP</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Terakhir</translation>
    </message>
    <message numerus="yes">
        <source>{date} (%n day(s) late)</source>
        <translation>
            <numerusform>{date} (terlambat %n hari)</numerusform>
        </translation>
    </message>
    <message>
        <source>{date} (today)</source>
        <translation>{date} (hari ini)</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
</context>
<context>
    <name>EditorChoices</name>
    <message>
        <source>Male (L)</source>
        <translation>Laki-laki (L)</translation>
    </message>
    <message>
        <source>Female (P)</source>
        <translation>Perempuan (P)</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>Don't know</source>
        <translation>Tidak tahu</translation>
    </message>
    <message>
        <source>JKK + JKM</source>
        <translation>JKK + JKM</translation>
    </message>
    <message>
        <source>JKK + JKM + JHT</source>
        <translation>JKK + JKM + JHT</translation>
    </message>
    <message>
        <source>Self-paid (mandiri)</source>
        <translation>Mandiri (bayar sendiri)</translation>
    </message>
    <message>
        <source>Wadah or partner (IKS)</source>
        <translation>Wadah/mitra (IKS)</translation>
    </message>
    <message>
        <source>Donor or CSR</source>
        <translation>Donatur/CSR</translation>
    </message>
    <message>
        <source>SERTAKAN (workers sponsor)</source>
        <translation>SERTAKAN (dibayari pekerja/pemberi kerja)</translation>
    </message>
    <message>
        <source>Central budget (APBN)</source>
        <translation>APBN (pusat)</translation>
    </message>
    <message>
        <source>Province budget (APBD)</source>
        <translation>APBD provinsi</translation>
    </message>
    <message>
        <source>Regency/city budget (APBD)</source>
        <translation>APBD kabupaten/kota</translation>
    </message>
    <message>
        <source>Tobacco excise share (DBHCHT)</source>
        <translation>DBHCHT (cukai tembakau)</translation>
    </message>
    <message>
        <source>Village fund (APBDes)</source>
        <translation>Dana Desa (APBDes)</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Suami/istri</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Anak</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Orang tua</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>Cucu</translation>
    </message>
    <message>
        <source>Grandparent</source>
        <translation>Kakek/nenek</translation>
    </message>
    <message>
        <source>Sibling</source>
        <translation>Saudara kandung</translation>
    </message>
    <message>
        <source>Parent-in-law</source>
        <translation>Mertua</translation>
    </message>
    <message>
        <source>Named in a will</source>
        <translation>Ditunjuk dalam wasiat</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Kunjungan</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Direncanakan</translation>
    </message>
    <message>
        <source>Interested</source>
        <translation>Tertarik</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Sudah mendaftar</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Menolak</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>Tidak bertemu</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Tidak diangkat</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Enroll this laptop</source>
        <translation>Daftarkan laptop ini</translation>
    </message>
    <message>
        <source>Ser&amp;ver address</source>
        <translation>&amp;Alamat server</translation>
    </message>
    <message>
        <source>Enrollment &amp;code</source>
        <translation>&amp;Kode pendaftaran</translation>
    </message>
    <message>
        <source>Account pass&amp;word</source>
        <translation>Kata &amp;sandi akun</translation>
    </message>
    <message>
        <source>Laptop na&amp;me</source>
        <translation>&amp;Nama laptop</translation>
    </message>
    <message>
        <source>Enro&amp;ll</source>
        <translation>&amp;Daftarkan</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>Mendaftarkan…</translation>
    </message>
</context>
<context>
    <name>EnrollPage</name>
    <message>
        <source>Set up Jangkau</source>
        <translation>Penyiapan Jangkau</translation>
    </message>
    <message>
        <source>Step 3 of 3 · Enroll this laptop (optional)</source>
        <translation>Langkah 3/3 · Daftarkan laptop (boleh nanti)</translation>
    </message>
    <message>
        <source>To send records, the laptop is enrolled once with a code from your supervisor. You can do it later in Settings; everything works offline meanwhile.</source>
        <translation>Untuk mengirim data, laptop didaftarkan sekali dengan kode dari pengawas. Bisa nanti lewat Pengaturan; semua tetap jalan tanpa koneksi.</translation>
    </message>
    <message>
        <source>S&amp;kip, enroll later</source>
        <translation>Le&amp;wati, daftarkan nanti</translation>
    </message>
    <message>
        <source>&amp;Enroll now</source>
        <translation>&amp;Daftarkan sekarang</translation>
    </message>
    <message>
        <source>Ser&amp;ver address</source>
        <translation>&amp;Alamat server</translation>
    </message>
    <message>
        <source>Enrollment &amp;code</source>
        <translation>Kode &amp;pendaftaran</translation>
    </message>
    <message>
        <source>Account pass&amp;word</source>
        <translation>Kata sandi ak&amp;un</translation>
    </message>
    <message>
        <source>Laptop na&amp;me</source>
        <translation>Nama lap&amp;top</translation>
    </message>
    <message>
        <source>The server address is saved now. The laptop shows Not enrolled until enrollment completes with the server.</source>
        <translation>Alamat server disimpan sekarang. Laptop tetap Belum terdaftar sampai pendaftaran selesai di server.</translation>
    </message>
    <message>
        <source>Sync will show Not enrolled.</source>
        <translation>Sinkronisasi akan menunjukkan Belum terdaftar.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>Edit event</source>
        <translation>Ubah kegiatan</translation>
    </message>
    <message>
        <source>Start event</source>
        <translation>Mulai kegiatan</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Pasar</translation>
    </message>
    <message>
        <source>Harbour/fish auction</source>
        <translation>Pelabuhan/TPI</translation>
    </message>
    <message>
        <source>Village office</source>
        <translation>Kantor kelurahan</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>Place &amp;type</source>
        <translation>&amp;Jenis tempat</translation>
    </message>
    <message>
        <source>Place &amp;name</source>
        <translation>&amp;Nama tempat</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>&amp;Wilayah</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Tanggal</translation>
    </message>
    <message>
        <source>&amp;Partner</source>
        <translation>&amp;Mitra</translation>
    </message>
    <message>
        <source>Atte&amp;ndance</source>
        <translation>Jumlah &amp;hadir</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>&amp;Catatan</translation>
    </message>
    <message>
        <source>e.g. Banjarsari market</source>
        <translation>mis. Pasar Banjarsari</translation>
    </message>
    <message>
        <source>Type a district or village</source>
        <translation>Ketik kecamatan atau desa/kelurahan</translation>
    </message>
    <message>
        <source>Village government</source>
        <translation>Pemerintah desa/kelurahan</translation>
    </message>
    <message>
        <source>Community group</source>
        <translation>Kelompok masyarakat</translation>
    </message>
    <message>
        <source>Employer association</source>
        <translation>Asosiasi pengusaha</translation>
    </message>
    <message>
        <source>Village government, community group, employer association…</source>
        <translation>Pemerintah desa/kelurahan, kelompok masyarakat, asosiasi pengusaha…</translation>
    </message>
</context>
<context>
    <name>EventProspectsModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Contribution/month</source>
        <translation>Iuran/bulan</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export approved enrollments</source>
        <translation>Ekspor pendaftaran yang disetujui</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>&amp;Wilayah</translation>
    </message>
    <message>
        <source>Approved f&amp;rom</source>
        <translation>Disetujui &amp;dari</translation>
    </message>
    <message>
        <source>Approved un&amp;til</source>
        <translation>Disetujui &amp;sampai</translation>
    </message>
    <message>
        <source>Sa&amp;ve to</source>
        <translation>Simpan &amp;ke</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Pilih…</translation>
    </message>
    <message>
        <source>All my areas</source>
        <translation>Semua wilayah saya</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>tanpa batas</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Ekspor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Save export</source>
        <translation>Simpan ekspor</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>Tanggal awal sesudah tanggal akhir.</translation>
    </message>
    <message>
        <source>Choose a file in an existing folder.</source>
        <translation>Pilih berkas di folder yang ada.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Menghentikan…</translation>
    </message>
    <message>
        <source>Exporting {done} of {total} records…</source>
        <translation>Mengekspor {done} dari {total} data…</translation>
    </message>
    <message>
        <source>Exporting… {size} KB</source>
        <translation>Mengekspor… {size} KB</translation>
    </message>
    <message>
        <source>Done: {n} approved records saved to {path}.</source>
        <translation>Selesai: {n} data yang disetujui disimpan di {path}.</translation>
    </message>
    <message>
        <source>Export stopped. No file was written.</source>
        <translation>Ekspor dihentikan. Tidak ada berkas yang ditulis.</translation>
    </message>
    <message>
        <source>At most 10 exports an hour. Try again in {minutes} minutes.</source>
        <translation>Paling banyak 10 ekspor per jam. Coba lagi dalam {minutes} menit.</translation>
    </message>
</context>
<context>
    <name>FieldTable</name>
    <message>
        <source>Before: {value}</source>
        <translation>Sebelumnya: {value}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;Area</source>
        <translation>&amp;Wilayah</translation>
    </message>
    <message>
        <source>A&amp;gent</source>
        <translation>&amp;Petugas</translation>
    </message>
    <message>
        <source>Stat&amp;e</source>
        <translation>Stat&amp;us</translation>
    </message>
    <message>
        <source>F&amp;lag</source>
        <translation>Ta&amp;nda</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Dari</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>Sa&amp;mpai</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>&amp;Ekspor</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Load the queue again (F5)</source>
        <translation>Muat ulang antrean (F5)</translation>
    </message>
    <message>
        <source>Sign o&amp;ut</source>
        <translation>Ke&amp;luar</translation>
    </message>
    <message>
        <source>Sign out (Ctrl+L)</source>
        <translation>Keluar (Ctrl+L)</translation>
    </message>
    <message>
        <source>online</source>
        <translation>daring</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>luring</translation>
    </message>
    <message>
        <source>{name} ({state})</source>
        <translation>{name} ({state})</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <source>Planned</source>
        <translation>Direncanakan</translation>
    </message>
    <message>
        <source>Interested</source>
        <translation>Tertarik</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Terdaftar</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Menolak</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Tidak ditemui</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Tidak diangkat</translation>
    </message>
</context>
<context>
    <name>FunnelStrip</name>
    <message>
        <source>Contacted</source>
        <translation>Dihubungi</translation>
    </message>
    <message>
        <source>Interested</source>
        <translation>Tertarik</translation>
    </message>
    <message>
        <source>Form printed</source>
        <translation>Formulir dicetak</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Dikirim</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Disetujui</translation>
    </message>
    <message>
        <source>Select a prospect to see its stages.</source>
        <translation>Pilih prospek untuk melihat tahapannya.</translation>
    </message>
    <message>
        <source>Stages: {stages}</source>
        <translation>Tahapan: {stages}</translation>
    </message>
    <message>
        <source>Refused {date}: {reason}</source>
        <translation>Menolak {date}: {reason}</translation>
    </message>
</context>
<context>
    <name>HeirsSection</name>
    <message>
        <source>Heirs</source>
        <translation>Ahli waris</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Urutan</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Hubungan</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Nomor HP</translation>
    </message>
    <message>
        <source>&amp;Add heir</source>
        <translation>&amp;Tambah ahli waris</translation>
    </message>
    <message>
        <source>No heirs yet. Press Add heir.</source>
        <translation>Belum ada ahli waris. Tekan Tambah ahli waris.</translation>
    </message>
    <message>
        <source>Name of heir {n}</source>
        <translation>Nama ahli waris {n}</translation>
    </message>
    <message>
        <source>Relationship of heir {n}</source>
        <translation>Hubungan ahli waris {n}</translation>
    </message>
    <message>
        <source>Mobile of heir {n}</source>
        <translation>Nomor HP ahli waris {n}</translation>
    </message>
    <message>
        <source>NIK of heir {n}</source>
        <translation>NIK ahli waris {n}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Remove heir {n}</source>
        <translation>Hapus ahli waris {n}</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Jangkau help</source>
        <translation>Bantuan Jangkau</translation>
    </message>
    <message>
        <source>New prospect</source>
        <translation>Prospek baru</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>Open the selected prospect</source>
        <translation>Buka prospek yang dipilih</translation>
    </message>
    <message>
        <source>Delete a draft, or withdraw a sent prospect</source>
        <translation>Hapus draf, atau batalkan prospek yang sudah dikirim</translation>
    </message>
    <message>
        <source>Clear the search; in the form, back to the list</source>
        <translation>Kosongkan pencarian; di formulir, kembali ke daftar</translation>
    </message>
    <message>
        <source>Save draft (in the form)</source>
        <translation>Simpan draf (di formulir)</translation>
    </message>
    <message>
        <source>Save and send (in the form)</source>
        <translation>Simpan &amp; kirim (di formulir)</translation>
    </message>
    <message>
        <source>Print forms</source>
        <translation>Cetak formulir</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
        <source>Prospect list</source>
        <translation>Daftar prospek</translation>
    </message>
    <message>
        <source>Needs correction</source>
        <translation>Perlu perbaikan</translation>
    </message>
    <message>
        <source>Sync panel</source>
        <translation>Panel sinkronisasi</translation>
    </message>
    <message>
        <source>Events and follow-ups</source>
        <translation>Kegiatan dan tindak lanjut</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dasbor</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <source>Records are saved on this laptop first and sent when there is a connection. The status bar shows the connection, what is not sent yet and what needs correction.</source>
        <translation>Data disimpan dulu di laptop ini dan dikirim saat ada koneksi. Baris status menunjukkan koneksi, data yang belum terkirim dan yang perlu perbaikan.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Tutup</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Revisi</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Keputusan</translation>
    </message>
    <message>
        <source>No decision yet.</source>
        <translation>Belum ada keputusan.</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Jejak audit</translation>
    </message>
    <message>
        <source>{name} (supervisor)</source>
        <translation>{name} (pengawas)</translation>
    </message>
    <message>
        <source>rev {n} · {when} · {who}</source>
        <translation>rev {n} · {when} · {who}</translation>
    </message>
    <message>
        <source>correction of rev {n}</source>
        <translation>perbaikan dari rev {n}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Catatan: {note}</translation>
    </message>
    <message>
        <source>{outcome} · rev {n} · {when} · {who}</source>
        <translation>{outcome} · rev {n} · {when} · {who}</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>diurungkan</translation>
    </message>
    <message>
        <source>delivered to the agent</source>
        <translation>terkirim ke agen</translation>
    </message>
    <message>
        <source>not yet on the agent's laptop</source>
        <translation>belum sampai di laptop agen</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Alasan: {reason}</translation>
    </message>
    <message>
        <source>sent by the agent</source>
        <translation>dikirim agen</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>keputusan</translation>
    </message>
    <message>
        <source>decision undone</source>
        <translation>keputusan diurungkan</translation>
    </message>
    <message>
        <source>edited by the supervisor</source>
        <translation>diubah pengawas</translation>
    </message>
    <message>
        <source>duplicate resolved</source>
        <translation>duplikat diselesaikan</translation>
    </message>
    <message>
        <source>approved in a batch</source>
        <translation>disetujui bersama</translation>
    </message>
</context>
<context>
    <name>IdentitySection</name>
    <message>
        <source>Identity</source>
        <translation>Identitas</translation>
    </message>
    <message>
        <source>&amp;NIK</source>
        <translation>&amp;NIK</translation>
    </message>
    <message>
        <source>&amp;Full name (as on KTP)</source>
        <translation>Nama &amp;lengkap (sesuai KTP)</translation>
    </message>
    <message>
        <source>&amp;Place of birth</source>
        <translation>&amp;Tempat lahir</translation>
    </message>
    <message>
        <source>&amp;Date of birth</source>
        <translation>Tanggal la&amp;hir</translation>
    </message>
    <message>
        <source>S&amp;ex</source>
        <translation>&amp;Jenis kelamin</translation>
    </message>
    <message>
        <source>&amp;Mother's maiden name</source>
        <translation>Nama &amp;ibu kandung</translation>
    </message>
    <message>
        <source>M&amp;obile number</source>
        <translation>Nomor H&amp;P</translation>
    </message>
    <message>
        <source>Em&amp;ail</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <source>&amp;KK number</source>
        <translation>Nomor &amp;KK</translation>
    </message>
    <message>
        <source>Already a PU partic&amp;ipant?</source>
        <translation>Sudah peserta P&amp;U?</translation>
    </message>
    <message>
        <source>Has no mobi&amp;le</source>
        <translation>Tidak &amp;memiliki HP</translation>
    </message>
    <message>
        <source>16 digits, spaces allowed</source>
        <translation>16 angka, boleh dengan spasi</translation>
    </message>
</context>
<context>
    <name>IssueMessages</name>
    <message>
        <source>Digits only. Look for a typed O or I.</source>
        <translation>NIK hanya angka. Periksa huruf O atau I yang terketik.</translation>
    </message>
    <message>
        <source>The NIK needs 16 digits, not {n}. Check the KTP.</source>
        <translation>NIK harus 16 angka, baru {n}. Cocokkan dengan KTP.</translation>
    </message>
    <message>
        <source>The NIK needs 16 digits. Check the KTP.</source>
        <translation>NIK harus 16 angka. Cocokkan dengan KTP.</translation>
    </message>
    <message>
        <source>The NIK's day of birth (digits 7–8) is not possible. Check the KTP.</source>
        <translation>Tanggal lahir di NIK (angka ke-7 dan 8) tidak mungkin. Cek KTP.</translation>
    </message>
    <message>
        <source>The NIK's month of birth (digits 9–10) is not 01–12. Check the KTP.</source>
        <translation>Bulan lahir di NIK (angka ke-9 dan 10) bukan 01–12. Cek KTP.</translation>
    </message>
    <message>
        <source>The NIK's birth date (digits 7–12) is impossible. Check the KTP.</source>
        <translation>Tanggal lahir di NIK (angka ke-7 s.d. 12) tidak ada. Cek KTP.</translation>
    </message>
    <message>
        <source>The last 4 digits of a NIK are never 0000. Check the KTP.</source>
        <translation>4 angka terakhir NIK tidak mungkin 0000. Cek KTP.</translation>
    </message>
    <message>
        <source>The area code at the start of the NIK is unknown. Check the KTP.</source>
        <translation>Kode wilayah di awal NIK tidak dikenal. Cek KTP.</translation>
    </message>
    <message>
        <source>The NIK was issued in another kecamatan than the address. Fine if the person moved.</source>
        <translation>NIK terbit di kecamatan lain dari alamat. Tidak apa-apa jika peserta pindah.</translation>
    </message>
    <message>
        <source>Birth date differs from the NIK ({date}). Check the KTP, then tick I have checked.</source>
        <translation>Tanggal lahir beda dengan NIK ({date}). Periksa KTP, lalu centang Sudah saya periksa.</translation>
    </message>
    <message>
        <source>Birth date differs from the NIK. Check the KTP, then tick I have checked.</source>
        <translation>Tanggal lahir beda dengan NIK. Periksa KTP, lalu centang Sudah saya periksa.</translation>
    </message>
    <message>
        <source>Sex differs from the NIK. Check the KTP, then tick I have checked.</source>
        <translation>Jenis kelamin beda dengan NIK. Periksa KTP, lalu centang Sudah saya periksa.</translation>
    </message>
    <message>
        <source>This NIK is already in {name}. Continue there.</source>
        <translation>NIK ini sudah ada di prospek {name}. Lanjutkan di data itu.</translation>
    </message>
    <message>
        <source>This NIK is already in another of your prospects. Continue there.</source>
        <translation>NIK ini sudah ada di prospek Anda yang lain. Lanjutkan di data itu.</translation>
    </message>
    <message>
        <source>A KK number has digits only.</source>
        <translation>Nomor KK hanya angka.</translation>
    </message>
    <message>
        <source>A KK number has 16 digits, not {n}. Check the KK.</source>
        <translation>Nomor KK harus 16 angka, baru {n}. Cocokkan dengan KK.</translation>
    </message>
    <message>
        <source>A KK number has 16 digits. Check the KK.</source>
        <translation>Nomor KK harus 16 angka. Cocokkan dengan KK.</translation>
    </message>
    <message>
        <source>The KK number's day (digits 7–8) is not 01–31.</source>
        <translation>Tanggal di nomor KK (angka ke-7 dan 8) bukan 01–31.</translation>
    </message>
    <message>
        <source>The KK number's month (digits 9–10) is not 01–12.</source>
        <translation>Bulan di nomor KK (angka ke-9 dan 10) bukan 01–12.</translation>
    </message>
    <message>
        <source>The KK number's date (digits 7–12) is impossible. Check the KK.</source>
        <translation>Tanggal di nomor KK (angka ke-7 s.d. 12) tidak ada. Cek KK.</translation>
    </message>
    <message>
        <source>The last 4 digits of a KK number are never 0000. Check the KK.</source>
        <translation>4 angka terakhir nomor KK tidak mungkin 0000. Cek KK.</translation>
    </message>
    <message>
        <source>The area code at the start of the KK number is unknown.</source>
        <translation>Kode wilayah di awal nomor KK tidak dikenal.</translation>
    </message>
    <message>
        <source>The KK number is from another kecamatan than the address.</source>
        <translation>Nomor KK dari kecamatan lain dari alamat.</translation>
    </message>
    <message>
        <source>A mobile starts with 08, 628 or +628.</source>
        <translation>Nomor HP diawali 08, 628 atau +628.</translation>
    </message>
    <message>
        <source>A landline. Enter a mobile or tick Has no mobile.</source>
        <translation>Ini nomor telepon rumah. Isi nomor HP atau centang Tidak memiliki HP.</translation>
    </message>
    <message>
        <source>An 08 mobile has 10–13 digits.</source>
        <translation>Nomor HP berawalan 08 harus 10–13 angka.</translation>
    </message>
    <message>
        <source>Another participant uses this mobile too. Check it is right.</source>
        <translation>Nomor HP ini juga dipakai peserta lain. Pastikan sudah benar.</translation>
    </message>
    <message>
        <source>No mobile: payment reminders cannot reach this person.</source>
        <translation>Tanpa HP: pengingat bayar tidak bisa sampai ke peserta.</translation>
    </message>
    <message>
        <source>Enter the monthly income as a whole number of rupiah.</source>
        <translation>Isi penghasilan per bulan dalam rupiah, tanpa koma.</translation>
    </message>
    <message>
        <source>Income below Rp1.000.000; the contribution still uses Rp1.000.000 ({amount}/month). Explain it.</source>
        <translation>Penghasilan di bawah Rp1.000.000; iuran tetap dihitung dari Rp1.000.000 ({amount}/bulan). Jelaskan ke peserta.</translation>
    </message>
    <message>
        <source>Income below Rp1.000.000; the contribution still uses Rp1.000.000. Explain it.</source>
        <translation>Penghasilan di bawah Rp1.000.000; iuran tetap dihitung dari Rp1.000.000. Jelaskan ke peserta.</translation>
    </message>
    <message>
        <source>Income below Rp1.000.000 cannot be registered at this branch.</source>
        <translation>Penghasilan di bawah Rp1.000.000 tidak bisa didaftarkan di cabang ini.</translation>
    </message>
    <message>
        <source>Aged {max_age} or older: BPU registration is not possible.</source>
        <translation>Usia {max_age} tahun atau lebih: tidak bisa didaftarkan sebagai BPU.</translation>
    </message>
    <message>
        <source>Too old for BPU registration (65 or older).</source>
        <translation>Usia 65 tahun atau lebih: tidak bisa didaftarkan sebagai BPU.</translation>
    </message>
    <message>
        <source>Turns {max_age} soon: the first payment must come before {date}.</source>
        <translation>Segera berusia {max_age} tahun: iuran pertama harus dibayar sebelum {date}.</translation>
    </message>
    <message>
        <source>Turns 65 within 30 days: the first payment must come before then.</source>
        <translation>Berusia 65 tahun dalam 30 hari: iuran pertama harus dibayar sebelum itu.</translation>
    </message>
    <message>
        <source>Under 18: a parent or guardian must consent.</source>
        <translation>Di bawah 18 tahun: orang tua atau wali harus memberi persetujuan.</translation>
    </message>
    <message>
        <source>Choose the main occupation.</source>
        <translation>Pilih pekerjaan utama.</translation>
    </message>
    <message>
        <source>At most 2 occupations.</source>
        <translation>Paling banyak 2 pekerjaan.</translation>
    </message>
    <message>
        <source>The second occupation repeats the first.</source>
        <translation>Pekerjaan kedua sama dengan pekerjaan utama.</translation>
    </message>
    <message>
        <source>For Other, describe the occupation in Detail.</source>
        <translation>Untuk Lainnya, jelaskan pekerjaan di Keterangan.</translation>
    </message>
    <message>
        <source>Already a wage-earner (PU) participant. Allowed; check it is right.</source>
        <translation>Sudah peserta Penerima Upah (PU). Boleh; pastikan sudah benar.</translation>
    </message>
    <message>
        <source>The village is not in the chosen kecamatan. Choose again.</source>
        <translation>Desa/kelurahan tidak ada di kecamatan yang dipilih. Pilih lagi.</translation>
    </message>
    <message>
        <source>Address outside the Pekalongan branch. Type the village name.</source>
        <translation>Alamat di luar wilayah cabang Pekalongan. Ketik nama desa/kelurahan.</translation>
    </message>
    <message>
        <source>No consent yet. Read the notice aloud, then tick the required consent.</source>
        <translation>Persetujuan belum ada. Bacakan pemberitahuan, lalu centang persetujuan wajib.</translation>
    </message>
    <message>
        <source>Under 18: fill in the guardian's name, relationship and NIK.</source>
        <translation>Di bawah 18 tahun: isi nama, hubungan dan NIK wali.</translation>
    </message>
    <message>
        <source>Add the programme or agreement number of this funding source.</source>
        <translation>Isi nama program atau nomor perjanjian sumber dana ini.</translation>
    </message>
    <message>
        <source>Village funds are contested as a source. The full contribution is quoted.</source>
        <translation>Dana desa sebagai sumber dana masih diperdebatkan. Iuran dihitung penuh.</translation>
    </message>
    <message>
        <source>Fill in this field.</source>
        <translation>Isi bagian ini.</translation>
    </message>
    <message>
        <source>Too long: at most {max} characters.</source>
        <translation>Terlalu panjang: paling banyak {max} huruf.</translation>
    </message>
    <message>
        <source>Too long. Shorten it.</source>
        <translation>Terlalu panjang. Persingkat.</translation>
    </message>
    <message>
        <source>An email looks like nama@contoh.id.</source>
        <translation>Email ditulis seperti nama@contoh.id.</translation>
    </message>
    <message>
        <source>Enter a real birth date, not in the future.</source>
        <translation>Isi tanggal lahir yang benar, bukan di masa depan.</translation>
    </message>
    <message>
        <source>Choose the programme: JKK + JKM, or with JHT.</source>
        <translation>Pilih program: JKK + JKM, atau dengan JHT.</translation>
    </message>
    <message>
        <source>Choose a payment period of 1, 3, 6 or 12 months.</source>
        <translation>Pilih periode bayar 1, 3, 6 atau 12 bulan.</translation>
    </message>
    <message>
        <source>Choose the first contribution month.</source>
        <translation>Pilih bulan iuran pertama.</translation>
    </message>
    <message>
        <source>Choose who pays from the funding source list.</source>
        <translation>Pilih sumber dana dari daftar.</translation>
    </message>
    <message>
        <source>This occupation is not in the list. Choose again.</source>
        <translation>Pekerjaan ini tidak ada di daftar. Pilih lagi.</translation>
    </message>
    <message>
        <source>Both signatures are needed, or the paper form number.</source>
        <translation>Perlu dua tanda tangan, atau nomor formulir kertas.</translation>
    </message>
    <message>
        <source>Each heir needs a name, relationship and order.</source>
        <translation>Setiap ahli waris perlu nama, hubungan dan urutan.</translation>
    </message>
    <message>
        <source>The password needs at least {min} characters.</source>
        <translation>Kata sandi minimal {min} karakter.</translation>
    </message>
    <message>
        <source>The password is too short.</source>
        <translation>Kata sandi terlalu pendek.</translation>
    </message>
    <message>
        <source>Choose the agent type from the list.</source>
        <translation>Pilih jenis petugas dari daftar.</translation>
    </message>
    <message>
        <source>This value has the wrong form. Check it.</source>
        <translation>Bentuk isian ini salah. Periksa lagi.</translation>
    </message>
    <message>
        <source>The form holds a field this version does not know. Update the app.</source>
        <translation>Formulir berisi bagian yang tidak dikenal versi ini. Perbarui aplikasi.</translation>
    </message>
    <message>
        <source>This record is too large to send. Shorten the notes.</source>
        <translation>Data ini terlalu besar untuk dikirim. Persingkat catatan.</translation>
    </message>
    <message>
        <source>The follow-up date {date} has passed. Pick today or later.</source>
        <translation>Tanggal tindak lanjut {date} sudah lewat. Pilih hari ini atau sesudahnya.</translation>
    </message>
    <message>
        <source>The follow-up date has passed. Pick today or later.</source>
        <translation>Tanggal tindak lanjut sudah lewat. Pilih hari ini atau sesudahnya.</translation>
    </message>
    <message>
        <source>{date} is in the future. Enter the day it happened.</source>
        <translation>{date} belum terjadi. Isi tanggal kejadiannya.</translation>
    </message>
    <message>
        <source>That date is in the future. Enter the day it happened.</source>
        <translation>Tanggal itu belum terjadi. Isi tanggal kejadiannya.</translation>
    </message>
    <message>
        <source>Area {code} is not in the region list. Pick it from the list.</source>
        <translation>Wilayah {code} tidak ada di daftar wilayah. Pilih dari daftar.</translation>
    </message>
    <message>
        <source>That area is not in the region list. Pick it from the list.</source>
        <translation>Wilayah itu tidak ada di daftar wilayah. Pilih dari daftar.</translation>
    </message>
</context>
<context>
    <name>JangkauStatusBar</name>
    <message>
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Sinkronisasi</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Belum terdaftar</translation>
    </message>
    <message>
        <source>Wi-Fi needs login</source>
        <translation>Wi-Fi perlu login</translation>
    </message>
    <message>
        <source>Laptop blocked</source>
        <translation>Laptop diblokir</translation>
    </message>
    <message>
        <source>Unsent {n}</source>
        <translation>Belum terkirim {n}</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Belum pernah sinkron</translation>
    </message>
    <message>
        <source>Last success {when}</source>
        <translation>Terakhir berhasil {when}</translation>
    </message>
    <message>
        <source>Needs correction {n}</source>
        <translation>Perlu perbaikan {n}</translation>
    </message>
    <message numerus="yes">
        <source>%n prospect(s)</source>
        <translation>
            <numerusform>%n prospek</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Set up Jangkau</source>
        <translation>Penyiapan Jangkau</translation>
    </message>
    <message>
        <source>Step 1 of 3 · Language</source>
        <translation>Langkah 1/3 · Bahasa</translation>
    </message>
    <message>
        <source>Jangkau keeps your prospects on this laptop, encrypted with your password. It works without a connection and sends records when one is available.</source>
        <translation>Jangkau menyimpan prospek Anda di laptop ini, terkunci dengan kata sandi Anda. Jangkau bekerja tanpa koneksi dan mengirim data saat ada koneksi.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Bahasa</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>Sy&amp;nc</source>
        <translation>&amp;Sinkronisasi</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>A&amp;lat</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
    <message>
        <source>New prospect</source>
        <translation>Prospek baru</translation>
    </message>
    <message>
        <source>New prospect (Ctrl+N)</source>
        <translation>Prospek baru (Ctrl+N)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Cetak</translation>
    </message>
    <message>
        <source>Print forms (Ctrl+P)</source>
        <translation>Cetak formulir (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Simpan draf</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
        <source>Sync now (F5)</source>
        <translation>Sinkronkan sekarang (F5)</translation>
    </message>
    <message>
        <source>Prospect list</source>
        <translation>Daftar prospek</translation>
    </message>
    <message>
        <source>Needs correction</source>
        <translation>Perlu perbaikan</translation>
    </message>
    <message>
        <source>Needs correction (Ctrl+2)</source>
        <translation>Perlu perbaikan (Ctrl+2)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Pengaturan (Ctrl+,)</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>Kunci (Ctrl+L)</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
    <message>
        <source>About Jangkau</source>
        <translation>Tentang Jangkau</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Kegiatan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>{app} {version}
Offline-first enrollment of informal workers (BPU) into BPJS Ketenagakerjaan.</source>
        <translation>{app} {version}
Pendaftaran pekerja informal (BPU) ke BPJS Ketenagakerjaan, tetap jalan tanpa koneksi.</translation>
    </message>
</context>
<context>
    <name>NeedsCorrectionView</name>
    <message>
        <source>&amp;Open</source>
        <translation>B&amp;uka</translation>
    </message>
    <message>
        <source>Needs correction ({count})</source>
        <translation>Perlu perbaikan ({count})</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>All done.</source>
        <translation>Semua beres.</translation>
    </message>
</context>
<context>
    <name>NotesSection</name>
    <message>
        <source>Notes and visits</source>
        <translation>Catatan &amp; kunjungan</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Catatan</translation>
    </message>
    <message>
        <source>&amp;Visits and calls</source>
        <translation>&amp;Kunjungan dan telepon</translation>
    </message>
    <message>
        <source>New &amp;date</source>
        <translation>&amp;Tanggal baru</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Jenis</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Hasil</translation>
    </message>
    <message>
        <source>No&amp;te</source>
        <translation>Ketera&amp;ngan</translation>
    </message>
    <message>
        <source>&amp;Add visit</source>
        <translation>T&amp;ambah kunjungan</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Anything the supervisor should know</source>
        <translation>Hal yang perlu diketahui pengawas</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Record the outcome: {name}</source>
        <translation>Catat hasil: {name}</translation>
    </message>
    <message>
        <source>Interested</source>
        <translation>Tertarik</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Terdaftar</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Menolak</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Tidak ditemui</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Tidak diangkat</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>&amp;Jenis</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Tanggal</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Hasil</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Alasan</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>&amp;Catatan</translation>
    </message>
    <message>
        <source>Required when refused</source>
        <translation>Wajib bila menolak</translation>
    </message>
    <message>
        <source>&amp;Next follow-up on</source>
        <translation>Tindak lanjut &amp;berikutnya</translation>
    </message>
</context>
<context>
    <name>OutreachActions</name>
    <message>
        <source>Close event</source>
        <translation>Tutup kegiatan</translation>
    </message>
    <message numerus="yes">
        <source>%n draft(s) of this event are not finished. Finish them first: drafts are not sent with the event.</source>
        <translation>
            <numerusform>%n draf kegiatan ini belum selesai. Selesaikan dulu: draf tidak ikut terkirim bersama kegiatan.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Finish drafts</source>
        <translation>&amp;Selesaikan draf</translation>
    </message>
    <message>
        <source>Close &amp;anyway</source>
        <translation>&amp;Tutup saja</translation>
    </message>
</context>
<context>
    <name>OutreachView</name>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Kegiatan</translation>
    </message>
    <message>
        <source>&amp;Follow-ups ({n})</source>
        <translation>&amp;Tindak lanjut ({n})</translation>
    </message>
    <message>
        <source>&amp;Follow-ups</source>
        <translation>&amp;Tindak lanjut</translation>
    </message>
    <message>
        <source>E&amp;vent</source>
        <translation>Ke&amp;giatan</translation>
    </message>
    <message>
        <source>&amp;Start event</source>
        <translation>&amp;Mulai kegiatan</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Ubah</translation>
    </message>
    <message>
        <source>&amp;Close event</source>
        <translation>Tutu&amp;p kegiatan</translation>
    </message>
    <message>
        <source>No events yet.</source>
        <translation>Belum ada kegiatan.</translation>
    </message>
    <message>
        <source>Start event</source>
        <translation>Mulai kegiatan</translation>
    </message>
    <message>
        <source>&amp;Plan visit</source>
        <translation>&amp;Rencanakan kunjungan</translation>
    </message>
    <message>
        <source>&amp;Record outcome</source>
        <translation>Catat &amp;hasil</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Buka</translation>
    </message>
    <message>
        <source>Follow-ups due today and overdue</source>
        <translation>Tindak lanjut jatuh tempo hari ini dan terlambat</translation>
    </message>
    <message>
        <source>No follow-ups due.</source>
        <translation>Tidak ada tindak lanjut yang jatuh tempo.</translation>
    </message>
    <message>
        <source>Record &amp;outcome</source>
        <translation>Catat &amp;hasil</translation>
    </message>
    <message>
        <source>Plan &amp;again</source>
        <translation>&amp;Rencanakan lagi</translation>
    </message>
    <message>
        <source>Open &amp;prospect</source>
        <translation>&amp;Buka prospek</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Pasar</translation>
    </message>
    <message>
        <source>Harbour/fish auction</source>
        <translation>Pelabuhan/TPI</translation>
    </message>
    <message>
        <source>Village office</source>
        <translation>Kantor kelurahan</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>(closed)</source>
        <translation>(ditutup)</translation>
    </message>
    <message>
        <source>Event: {name} | {kind} | {area} | {date}</source>
        <translation>Kegiatan: {name} | {kind} | {area} | {date}</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>ditutup</translation>
    </message>
    <message>
        <source>Recorded {recorded}   Draft {drafts}   Waiting to send {waiting}   Sent {sent}   Received by the server {acknowledged}/{submitted}</source>
        <translation>Dicatat {recorded}   Draf {drafts}   Menunggu kirim {waiting}   Terkirim {sent}   Diterima server {acknowledged}/{submitted}</translation>
    </message>
    <message>
        <source>Partner: {partner}</source>
        <translation>Mitra: {partner}</translation>
    </message>
    <message>
        <source>Attendance: {n}</source>
        <translation>Hadir: {n}</translation>
    </message>
    <message numerus="yes">
        <source>Manifest: %n prospect(s)</source>
        <translation>
            <numerusform>Manifes: %n prospek</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Halaman {page} dari {pages}</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan a visit: {name}</source>
        <translation>Rencanakan kunjungan: {name}</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>&amp;Jenis</translation>
    </message>
    <message>
        <source>&amp;Due on</source>
        <translation>&amp;Tanggal rencana</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>&amp;Catatan</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>P&amp;rint</source>
        <translation>Ceta&amp;k</translation>
    </message>
    <message>
        <source>Blank form</source>
        <translation>Formulir kosong</translation>
    </message>
    <message>
        <source>The F1 BPU form to fill in by hand</source>
        <translation>Formulir F1 BPU untuk diisi tangan</translation>
    </message>
    <message>
        <source>Information sheet</source>
        <translation>Lembar informasi</translation>
    </message>
    <message>
        <source>Benefits and contributions; with the selected prospect's own amounts</source>
        <translation>Manfaat dan iuran; dengan angka prospek yang dipilih</translation>
    </message>
    <message>
        <source>Verify printed form…</source>
        <translation>Periksa formulir cetak…</translation>
    </message>
</context>
<context>
    <name>PrintControls</name>
    <message>
        <source>P&amp;rinter</source>
        <translation>P&amp;rinter</translation>
    </message>
    <message>
        <source>C&amp;opies</source>
        <translation>Sa&amp;linan</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Halaman sebelumnya</translation>
    </message>
    <message>
        <source>Previous page (PgUp)</source>
        <translation>Halaman sebelumnya (PgUp)</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Halaman berikutnya</translation>
    </message>
    <message>
        <source>Next page (PgDn)</source>
        <translation>Halaman berikutnya (PgDn)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Perkecil</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−)</source>
        <translation>Perkecil (Ctrl+−)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Perbesar</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+=)</source>
        <translation>Perbesar (Ctrl+=)</translation>
    </message>
    <message>
        <source>Looking for printers…</source>
        <translation>Mencari printer…</translation>
    </message>
    <message>
        <source>No printer</source>
        <translation>Tidak ada printer</translation>
    </message>
    <message>
        <source>Other printer…</source>
        <translation>Printer lain…</translation>
    </message>
    <message>
        <source>{name} (default)</source>
        <translation>{name} (bawaan)</translation>
    </message>
    <message>
        <source>Page {page}/{pages}</source>
        <translation>Halaman {page}/{pages}</translation>
    </message>
    <message>
        <source>Zoom {percent}%</source>
        <translation>Perbesaran {percent}%</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print forms</source>
        <translation>Cetak formulir</translation>
    </message>
    <message>
        <source>Blank form</source>
        <translation>Formulir kosong</translation>
    </message>
    <message>
        <source>Information sheet</source>
        <translation>Lembar informasi</translation>
    </message>
    <message>
        <source>Prospec&amp;ts</source>
        <translation>&amp;Prospek</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>&amp;Save PDF</source>
        <translation>&amp;Simpan PDF</translation>
    </message>
    <message>
        <source>Save as a PDF file (Ctrl+Shift+S)</source>
        <translation>Simpan sebagai berkas PDF (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;Cetak</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>Cetak (Ctrl+P)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Choose one or more prospects.</source>
        <translation>Pilih satu atau lebih prospek.</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Menyiapkan…</translation>
    </message>
    <message numerus="yes">
        <source>%n form(s) to print</source>
        <translation>
            <numerusform>%n formulir akan dicetak</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n restricted or withdrawn, not printed</source>
        <translation>
            <numerusform>%n dibatasi atau dibatalkan, tidak dicetak</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not saved yet, not printed</source>
        <translation>
            <numerusform>%n belum tersimpan, tidak dicetak</numerusform>
        </translation>
    </message>
    <message>
        <source>Preparing {done}/{total}</source>
        <translation>Menyiapkan {done}/{total}</translation>
    </message>
</context>
<context>
    <name>PrintList</name>
    <message>
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
    <message>
        <source>{name} – Restricted</source>
        <translation>{name} – Dibatasi</translation>
    </message>
    <message>
        <source>{name} – Withdrawn</source>
        <translation>{name} – Dibatalkan</translation>
    </message>
    <message>
        <source>The person asked to restrict the use of their data, so the form is not printed.</source>
        <translation>Peserta meminta penggunaan datanya dibatasi, jadi formulir tidak dicetak.</translation>
    </message>
    <message>
        <source>This registration was withdrawn and is not printed.</source>
        <translation>Pendaftaran ini dibatalkan dan tidak dicetak.</translation>
    </message>
    <message numerus="yes">
        <source>Printed %n time(s) before; this copy is marked CETAK ULANG.</source>
        <translation>
            <numerusform>Sudah dicetak %n kali; cetakan ini bertanda CETAK ULANG.</numerusform>
        </translation>
    </message>
    <message>
        <source>Draft: printed without a QR code until it is sent.</source>
        <translation>Draf: dicetak tanpa kode QR sampai dikirim.</translation>
    </message>
</context>
<context>
    <name>PrintOutput</name>
    <message>
        <source>Save PDF</source>
        <translation>Simpan PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Blank form F1 BPU.pdf</source>
        <translation>Formulir kosong F1 BPU.pdf</translation>
    </message>
    <message>
        <source>Information sheet - {name}.pdf</source>
        <translation>Lembar informasi - {name}.pdf</translation>
    </message>
    <message>
        <source>Information sheet.pdf</source>
        <translation>Lembar informasi.pdf</translation>
    </message>
    <message>
        <source>Form F1 BPU - {name} - {date}.pdf</source>
        <translation>Formulir F1 BPU - {name} - {date}.pdf</translation>
    </message>
    <message>
        <source>Forms F1 BPU - {count} people - {date}.pdf</source>
        <translation>Formulir F1 BPU - {count} peserta - {date}.pdf</translation>
    </message>
    <message>
        <source>Saved at {time}: {file}</source>
        <translation>Tersimpan pukul {time}: {file}</translation>
    </message>
    <message>
        <source>the printer</source>
        <translation>printer</translation>
    </message>
    <message>
        <source>Sent to {printer} at {time}.</source>
        <translation>Dikirim ke {printer} pukul {time}.</translation>
    </message>
</context>
<context>
    <name>ProblemMessages</name>
    <message>
        <source>Something went wrong. The details are in the log file.</source>
        <translation>Ada yang tidak beres. Rinciannya ada di berkas log.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Kata sandi salah.</translation>
    </message>
    <message>
        <source>The data on this laptop could not be opened. Call your supervisor.</source>
        <translation>Data di laptop ini tidak bisa dibuka. Hubungi pengawas.</translation>
    </message>
    <message>
        <source>This profile is open in another Jangkau window. Close it first.</source>
        <translation>Profil ini sedang dibuka di jendela Jangkau lain. Tutup dulu.</translation>
    </message>
    <message>
        <source>This data was saved by a newer Jangkau. Update the app.</source>
        <translation>Data ini disimpan oleh Jangkau versi lebih baru. Perbarui aplikasi.</translation>
    </message>
    <message>
        <source>Updating the data failed; nothing was changed. Call your supervisor.</source>
        <translation>Pembaruan data gagal; tidak ada yang berubah. Hubungi pengawas.</translation>
    </message>
    <message>
        <source>The laptop's disk is full. Free some space, then try again.</source>
        <translation>Penyimpanan laptop penuh. Kosongkan sedikit ruang, lalu coba lagi.</translation>
    </message>
    <message>
        <source>The password needs at least 10 characters.</source>
        <translation>Kata sandi minimal 10 karakter.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Kedua kata sandi tidak sama.</translation>
    </message>
    <message>
        <source>A profile with this username already exists on this laptop.</source>
        <translation>Profil dengan nama pengguna ini sudah ada di laptop ini.</translation>
    </message>
    <message>
        <source>Too many wrong tries. Wait {seconds} seconds.</source>
        <translation>Terlalu banyak percobaan salah. Tunggu {seconds} detik.</translation>
    </message>
    <message>
        <source>Too many wrong tries. Wait a moment.</source>
        <translation>Terlalu banyak percobaan salah. Tunggu sebentar.</translation>
    </message>
    <message>
        <source>Some fields need attention. They are marked on the form.</source>
        <translation>Beberapa bagian perlu diperbaiki. Sudah ditandai di formulir.</translation>
    </message>
    <message>
        <source>That record is no longer there. The list has been refreshed.</source>
        <translation>Data itu sudah tidak ada. Daftar sudah diperbarui.</translation>
    </message>
    <message>
        <source>Someone changed this record meanwhile. Choose which version to keep.</source>
        <translation>Data ini diubah di tempat lain. Pilih versi yang dipakai.</translation>
    </message>
    <message>
        <source>Jangkau is locked. Unlock it to continue.</source>
        <translation>Jangkau terkunci. Buka kunci untuk melanjutkan.</translation>
    </message>
    <message>
        <source>This event is already closed. Open a new event instead.</source>
        <translation>Kegiatan ini sudah ditutup. Buka kegiatan baru.</translation>
    </message>
    <message>
        <source>{drafts} prospects of this event are still drafts. Finish or send them first.</source>
        <translation>{drafts} prospek kegiatan ini masih draf. Selesaikan atau kirim dulu.</translation>
    </message>
    <message>
        <source>Some prospects of this event are still drafts. Finish or send them first.</source>
        <translation>Beberapa prospek kegiatan ini masih draf. Selesaikan atau kirim dulu.</translation>
    </message>
    <message>
        <source>This decision was already recorded with other content. Reload the record.</source>
        <translation>Keputusan ini sudah tercatat dengan isi lain. Muat ulang datanya.</translation>
    </message>
    <message>
        <source>That area is outside your assignment. Pick one of your areas.</source>
        <translation>Wilayah itu di luar tugas Anda. Pilih salah satu wilayah Anda.</translation>
    </message>
    <message>
        <source>This prospect was never sent. Delete the draft instead.</source>
        <translation>Prospek ini belum pernah dikirim. Hapus drafnya saja.</translation>
    </message>
    <message>
        <source>Visits of this draft were already sent; it cannot be deleted.</source>
        <translation>Kunjungan draf ini sudah dikirim; draf tidak bisa dihapus.</translation>
    </message>
    <message>
        <source>This record is being sent right now. Try again in a moment.</source>
        <translation>Data ini sedang dikirim. Coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>Only drafts can be deleted. Withdraw a sent record instead.</source>
        <translation>Hanya draf yang bisa dihapus. Data terkirim dibatalkan saja.</translation>
    </message>
    <message>
        <source>This record is approved or rejected and cannot be changed.</source>
        <translation>Data ini sudah disetujui atau ditolak dan tidak bisa diubah.</translation>
    </message>
    <message>
        <source>No connection. Your records are saved here and will be sent later.</source>
        <translation>Tidak ada koneksi. Data aman di laptop ini dan dikirim nanti.</translation>
    </message>
    <message>
        <source>Sending stopped; nothing is lost. Retrying in {minutes} minutes.</source>
        <translation>Pengiriman terputus, tidak ada data hilang. Dicoba lagi dalam {minutes} menit.</translation>
    </message>
    <message>
        <source>Sending stopped; nothing is lost. Retrying soon.</source>
        <translation>Pengiriman terputus, tidak ada data hilang. Segera dicoba lagi.</translation>
    </message>
    <message>
        <source>The connection is too slow. Your records are kept; retrying later.</source>
        <translation>Koneksi terlalu lambat. Data tetap tersimpan; dicoba lagi nanti.</translation>
    </message>
    <message>
        <source>The answer did not come from the Jangkau server. Retrying later.</source>
        <translation>Jawaban bukan dari server Jangkau. Dicoba lagi nanti.</translation>
    </message>
    <message>
        <source>Sync stopped; nothing is lost. Retrying later.</source>
        <translation>Sinkronisasi berhenti, tidak ada data hilang. Dicoba lagi nanti.</translation>
    </message>
    <message>
        <source>This Wi-Fi needs a browser login; then Sync now.</source>
        <translation>Wi-Fi ini minta login. Login lewat browser, lalu Sinkronkan sekarang.</translation>
    </message>
    <message>
        <source>The laptop clock is wrong. Set the date and time.</source>
        <translation>Jam laptop salah. Atur tanggal dan jam.</translation>
    </message>
    <message>
        <source>Secure connection refused. Check the date and time.</source>
        <translation>Koneksi aman ditolak. Periksa tanggal dan jam.</translation>
    </message>
    <message>
        <source>This laptop is not enrolled yet. Enroll it in Settings.</source>
        <translation>Laptop ini belum terdaftar. Daftarkan di Pengaturan.</translation>
    </message>
    <message>
        <source>No printer found. Check cable and power, or Save PDF.</source>
        <translation>Printer tidak ditemukan. Periksa kabel dan daya, atau Simpan PDF.</translation>
    </message>
    <message>
        <source>The printer did not print. Check that it is on and has paper, or Save PDF.</source>
        <translation>Printer tidak mencetak. Periksa apakah printer menyala dan ada kertas, atau Simpan PDF.</translation>
    </message>
    <message>
        <source>This person restricted the use of their data, so the form is not printed.</source>
        <translation>Peserta ini membatasi penggunaan datanya, jadi formulir tidak dicetak.</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was saved or printed.</source>
        <translation>Dibatalkan. Tidak ada yang disimpan atau dicetak.</translation>
    </message>
    <message>
        <source>This is not the code of a Jangkau form. Scan the QR code again; its text starts with JKU1.</source>
        <translation>Ini bukan kode formulir Jangkau. Pindai ulang kode QR-nya; teksnya diawali JKU1.</translation>
    </message>
    <message>
        <source>The server did not understand the request. Update the app.</source>
        <translation>Server tidak memahami permintaan. Perbarui aplikasi.</translation>
    </message>
    <message>
        <source>The server did not recognise this laptop. Enroll it again.</source>
        <translation>Server tidak mengenali laptop ini. Daftarkan ulang.</translation>
    </message>
    <message>
        <source>Username, password or enrollment code is wrong.</source>
        <translation>Nama pengguna, kata sandi atau kode pendaftaran salah.</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Sign in again.</source>
        <translation>Waktu masuk Anda habis. Masuk lagi.</translation>
    </message>
    <message>
        <source>This laptop is blocked. Call your supervisor; your records are kept.</source>
        <translation>Laptop ini diblokir. Data tetap tersimpan. Hubungi pengawas.</translation>
    </message>
    <message>
        <source>This laptop was withdrawn by the branch. Call your supervisor at once.</source>
        <translation>Laptop ini ditarik oleh cabang. Segera hubungi pengawas.</translation>
    </message>
    <message>
        <source>Not allowed for this account. Contact the admin.</source>
        <translation>Akun ini tidak diizinkan. Hubungi admin.</translation>
    </message>
    <message>
        <source>This account cannot do this. Sign in as a supervisor.</source>
        <translation>Akun ini tidak bisa melakukannya. Masuk sebagai pengawas.</translation>
    </message>
    <message>
        <source>A newer version arrived. It has been reloaded; decide again.</source>
        <translation>Ada versi yang lebih baru. Sudah dimuat ulang; putuskan lagi.</translation>
    </message>
    <message>
        <source>This record's state has changed. Reload and look again.</source>
        <translation>Status data ini sudah berubah. Muat ulang dan periksa lagi.</translation>
    </message>
    <message>
        <source>Resolve the possible duplicate before approving.</source>
        <translation>Selesaikan kemungkinan duplikat sebelum menyetujui.</translation>
    </message>
    <message>
        <source>Too late to undo: the agent already has this decision, or time is up.</source>
        <translation>Sudah tidak bisa diurungkan: keputusan sudah sampai ke agen, atau waktunya habis.</translation>
    </message>
    <message>
        <source>This record has a flag or an error. Review it on its own.</source>
        <translation>Data ini bertanda atau ada kesalahan. Periksa satu per satu.</translation>
    </message>
    <message>
        <source>An attachment upload was interrupted. It resumes by itself.</source>
        <translation>Unggahan lampiran terputus. Akan dilanjutkan sendiri.</translation>
    </message>
    <message>
        <source>The server was restored. Jangkau downloads your records again.</source>
        <translation>Server dipulihkan. Jangkau mengambil ulang data Anda.</translation>
    </message>
    <message>
        <source>Too much data at once. Jangkau sends it in smaller parts.</source>
        <translation>Data terlalu banyak sekaligus. Jangkau mengirimnya sedikit demi sedikit.</translation>
    </message>
    <message>
        <source>The server refused the data format. Update the app.</source>
        <translation>Server menolak format data. Perbarui aplikasi.</translation>
    </message>
    <message>
        <source>A file arrived damaged. It is sent again.</source>
        <translation>Berkas rusak saat dikirim. Dikirim ulang.</translation>
    </message>
    <message>
        <source>Update the app to version {min_version} or newer.</source>
        <translation>Perbarui aplikasi ke versi ≥ {min_version}.</translation>
    </message>
    <message>
        <source>Update the app to the newest version.</source>
        <translation>Perbarui aplikasi ke versi terbaru.</translation>
    </message>
    <message>
        <source>The server is busy. Jangkau tries again shortly.</source>
        <translation>Server sedang sibuk. Jangkau mencoba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait a minute, then try again.</source>
        <translation>Terlalu banyak percobaan masuk. Tunggu satu menit, lalu coba lagi.</translation>
    </message>
    <message>
        <source>The server had a problem; nothing is lost. Retrying later.</source>
        <translation>Server bermasalah, tidak ada data hilang. Dicoba lagi nanti.</translation>
    </message>
    <message>
        <source>The server is down for a moment; nothing is lost. Retrying later.</source>
        <translation>Server sedang tidak aktif, tidak ada data hilang. Dicoba lagi nanti.</translation>
    </message>
    <message>
        <source>Changed on the server too. Choose which version to keep.</source>
        <translation>Juga diubah di server. Pilih versi yang dipakai.</translation>
    </message>
    <message>
        <source>Changed on the server meanwhile. Choose which version to keep.</source>
        <translation>Sudah diubah di server. Pilih versi yang dipakai.</translation>
    </message>
    <message>
        <source>The supervisor has closed this record. Ask to reopen it.</source>
        <translation>Pengawas sudah menutup data ini. Minta agar dibuka lagi.</translation>
    </message>
    <message>
        <source>This record belongs to another agent. Contact the admin.</source>
        <translation>Data ini milik petugas lain. Hubungi admin.</translation>
    </message>
    <message>
        <source>This laptop's enrollment does not match the record. Contact the admin.</source>
        <translation>Pendaftaran laptop ini tidak cocok dengan data. Hubungi admin.</translation>
    </message>
    <message>
        <source>The server does not accept changes to this kind of data. Contact the admin.</source>
        <translation>Server tidak menerima perubahan jenis data ini. Hubungi admin.</translation>
    </message>
    <message>
        <source>The record was damaged on the way. It is sent again.</source>
        <translation>Data rusak di jalan. Dikirim ulang.</translation>
    </message>
    <message>
        <source>Jangkau</source>
        <translation>Jangkau</translation>
    </message>
    <message>
        <source>Code: {code}</source>
        <translation>Kode: {code}</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Set up Jangkau</source>
        <translation>Penyiapan Jangkau</translation>
    </message>
    <message>
        <source>Step 2 of 3 · Your profile</source>
        <translation>Langkah 2/3 · Profil Anda</translation>
    </message>
    <message>
        <source>I am</source>
        <translation>Saya</translation>
    </message>
    <message>
        <source>Field &amp;agent</source>
        <translation>P&amp;etugas lapangan</translation>
    </message>
    <message>
        <source>Su&amp;pervisor</source>
        <translation>Pen&amp;gawas</translation>
    </message>
    <message>
        <source>Supervisors sign in online with their server account; no profile is kept on this laptop. Choose Field agent to record prospects.</source>
        <translation>Pengawas masuk secara daring dengan akun server; tidak ada profil pengawas di laptop ini. Pilih Petugas lapangan untuk mencatat prospek.</translation>
    </message>
    <message>
        <source>Sign in as supervisor now</source>
        <translation>Masuk sebagai pengawas sekarang</translation>
    </message>
    <message>
        <source>F&amp;ull name*</source>
        <translation>&amp;Nama lengkap*</translation>
    </message>
    <message>
        <source>Userna&amp;me*</source>
        <translation>Nama &amp;pengguna*</translation>
    </message>
    <message>
        <source>Agent &amp;type*</source>
        <translation>&amp;Jenis petugas*</translation>
    </message>
    <message>
        <source>Pass&amp;word*</source>
        <translation>Kata &amp;sandi*</translation>
    </message>
    <message>
        <source>&amp;Repeat password*</source>
        <translation>&amp;Ulangi kata sandi*</translation>
    </message>
    <message>
        <source>min. {n}</source>
        <translation>min. {n}</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>A username has 3–32 letters, digits, dots, dashes or underscores.</source>
        <translation>Nama pengguna 3–32 huruf, angka, titik, tanda hubung atau garis bawah.</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>Kata sandi minimal {n} karakter.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Kedua kata sandi tidak sama.</translation>
    </message>
</context>
<context>
    <name>ProgrammeSection</name>
    <message>
        <source>Programme and contribution</source>
        <translation>Program &amp; iuran</translation>
    </message>
    <message>
        <source>P&amp;rogramme</source>
        <translation>Prog&amp;ram</translation>
    </message>
    <message>
        <source>Payment &amp;period</source>
        <translation>Periode &amp;bayar</translation>
    </message>
    <message>
        <source>&amp;First contribution month</source>
        <translation>Bulan &amp;iuran pertama</translation>
    </message>
    <message>
        <source>F&amp;unding source</source>
        <translation>&amp;Sumber dana</translation>
    </message>
    <message>
        <source>Programme or agreement r&amp;eference</source>
        <translation>Refer&amp;ensi program/perjanjian</translation>
    </message>
    <message>
        <source>&amp;JHT paid by</source>
        <translation>&amp;JHT dibayar oleh</translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n bulan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProspectEditor</name>
    <message>
        <source>Save status</source>
        <translation>Status simpan</translation>
    </message>
    <message>
        <source>&lt; List</source>
        <translation>&lt; Daftar</translation>
    </message>
    <message>
        <source>Back to the list (Esc)</source>
        <translation>Kembali ke daftar (Esc)</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Simpan draf</translation>
    </message>
    <message>
        <source>Keep as a draft on this laptop (Ctrl+S)</source>
        <translation>Simpan sebagai draf di laptop ini (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save &amp;&amp; send</source>
        <translation>Simpan &amp;&amp; kirim</translation>
    </message>
    <message>
        <source>Save and queue for sending (Ctrl+Enter)</source>
        <translation>Simpan dan antrekan untuk dikirim (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Cetak</translation>
    </message>
    <message>
        <source>Print this form (Ctrl+P)</source>
        <translation>Cetak formulir ini (Ctrl+P)</translation>
    </message>
    <message>
        <source>Next problem (F8), previous (Shift+F8)</source>
        <translation>Masalah berikutnya (F8), sebelumnya (Shift+F8)</translation>
    </message>
    <message>
        <source>Next problem</source>
        <translation>Masalah berikutnya</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Bagian formulir</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Perubahan belum disimpan</translation>
    </message>
    <message>
        <source>This prospect has changes that are not saved yet.</source>
        <translation>Ada perubahan pada prospek ini yang belum disimpan.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Not sent yet: {problems}. F8 goes to each one.</source>
        <translation>Belum dikirim: {problems}. Tekan F8 untuk menuju tiap masalah.</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>Kembali ke daftar</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Pengawas</translation>
    </message>
    <message>
        <source>{who}: {note}</source>
        <translation>{who}: {note}</translation>
    </message>
    <message>
        <source>Supervisor's note:</source>
        <translation>Catatan pengawas:</translation>
    </message>
    <message>
        <source>Possible duplicate – the supervisor will check.</source>
        <translation>Kemungkinan duplikat – pengawas akan memeriksa.</translation>
    </message>
    <message>
        <source>{badge}: this record can no longer be changed.</source>
        <translation>{badge}: data ini tidak bisa diubah lagi.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <source>Work from {time} that was not saved by hand has been restored.</source>
        <translation>Isian pukul {time} yang belum disimpan sudah dipulihkan.</translation>
    </message>
    <message>
        <source>From the NIK: {sex}, born {date}</source>
        <translation>Dari NIK: {sex}, lahir {date}</translation>
    </message>
    <message>
        <source>Heir {n}: {text}</source>
        <translation>Ahli waris {n}: {text}</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Tidak ada masalah</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n kesalahan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n peringatan</numerusform>
        </translation>
    </message>
    <message>
        <source>Open that record</source>
        <translation>Buka data itu</translation>
    </message>
    <message>
        <source>Maybe already recorded: {name} ({badge}), born {date}, {village}. Check before saving.</source>
        <translation>Mungkin sudah tercatat: {name} ({badge}), lahir {date}, {village}. Periksa sebelum menyimpan.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <source>Not saved. {reason} What you typed is still here.</source>
        <translation>Belum tersimpan. {reason} Isian Anda tetap ada di layar.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <source>New prospect</source>
        <translation>Prospek baru</translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>Tersimpan {time}</translation>
    </message>
    <message>
        <source>Saved automatically {time}</source>
        <translation>Tersimpan otomatis {time}</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Belum disimpan</translation>
    </message>
</context>
<context>
    <name>ProspectListView</name>
    <message>
        <source>Search name, NIK or mobile…</source>
        <translation>Cari nama, NIK atau nomor HP…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>St&amp;atus</source>
        <translation>Stat&amp;us</translation>
    </message>
    <message>
        <source>V&amp;illage</source>
        <translation>&amp;Desa/Kel.</translation>
    </message>
    <message>
        <source>Occ&amp;upation</source>
        <translation>&amp;Pekerjaan</translation>
    </message>
    <message>
        <source>F&amp;ollow-up due</source>
        <translation>Tindak lan&amp;jut</translation>
    </message>
    <message>
        <source>Prospects whose follow-up date has come</source>
        <translation>Prospek yang sudah waktunya ditindaklanjuti</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>&amp;Hapus filter</translation>
    </message>
    <message>
        <source>New &amp;prospect</source>
        <translation>Prosp&amp;ek baru</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>C&amp;oba lagi</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>Tidak ada yang cocok.</translation>
    </message>
    <message>
        <source>No prospects yet. Press New prospect.</source>
        <translation>Belum ada prospek. Tekan Prospek baru.</translation>
    </message>
</context>
<context>
    <name>ProspectTableModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa/Kelurahan</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Contribution/month</source>
        <translation>Iuran/bulan</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Diubah</translation>
    </message>
    <message numerus="yes">
        <source>{name} · form printed %n time(s)</source>
        <translation>
            <numerusform>{name} · formulir dicetak %n kali</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuotePanel</name>
    <message>
        <source>Contribution details</source>
        <translation>Rincian iuran</translation>
    </message>
    <message>
        <source>Enter the income, programme and months to see the contribution.</source>
        <translation>Isi penghasilan, program dan periode untuk melihat iuran.</translation>
    </message>
    <message>
        <source>Estimate – table not yet verified</source>
        <translation>Perkiraan – tabel belum diverifikasi</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Dasar</translation>
    </message>
    <message>
        <source>JKK {rate}</source>
        <translation>JKK {rate}</translation>
    </message>
    <message>
        <source>JKM</source>
        <translation>JKM</translation>
    </message>
    <message>
        <source>JHT {rate}</source>
        <translation>JHT {rate}</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>Per bulan</translation>
    </message>
    <message>
        <source>PP 50/2025 discount</source>
        <translation>Potongan PP 50/2025</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Hapus draf</translation>
    </message>
    <message>
        <source>Delete the draft of {name}? It was never sent and will be gone from this laptop.</source>
        <translation>Hapus draf {name}? Draf ini belum pernah dikirim dan akan hilang dari laptop ini.</translation>
    </message>
    <message>
        <source>&amp;Delete draft</source>
        <translation>&amp;Hapus draf</translation>
    </message>
    <message>
        <source>Withdraw registration</source>
        <translation>Batalkan pendaftaran</translation>
    </message>
    <message>
        <source>Withdraw the registration of {name}? The server is told at the next sync.</source>
        <translation>Batalkan pendaftaran {name}? Server diberi tahu saat sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Batalkan pendaftaran</translation>
    </message>
    <message>
        <source>Created: {when}</source>
        <translation>Dibuat: {when}</translation>
    </message>
    <message>
        <source>Last change: {when}</source>
        <translation>Terakhir diubah: {when}</translation>
    </message>
    <message>
        <source>Revision on this laptop: {n}</source>
        <translation>Revisi di laptop ini: {n}</translation>
    </message>
    <message>
        <source>Revision on the server: {n}</source>
        <translation>Revisi di server: {n}</translation>
    </message>
    <message>
        <source>Printed: {n}×</source>
        <translation>Dicetak: {n}×</translation>
    </message>
    <message>
        <source>Last decision: {outcome} by {who}, {when}</source>
        <translation>Keputusan terakhir: {outcome} oleh {who}, {when}</translation>
    </message>
    <message>
        <source>History of {name}</source>
        <translation>Riwayat {name}</translation>
    </message>
</context>
<context>
    <name>RecordPane</name>
    <message>
        <source>Compare</source>
        <translation>Bandingkan</translation>
    </message>
    <message>
        <source>Compare with the same NIK side by side (Ctrl+D)</source>
        <translation>Bandingkan berdampingan dengan NIK yang sama (Ctrl+D)</translation>
    </message>
    <message>
        <source>+ Field note</source>
        <translation>+ Catatan bidang</translation>
    </message>
    <message>
        <source>Note for the chosen field (Ctrl+M)</source>
        <translation>Catatan untuk bidang yang dipilih (Ctrl+M)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Bidang</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Isi</translation>
    </message>
    <message>
        <source>Field note</source>
        <translation>Catatan bidang</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
    <message>
        <source>A newer version arrived (rev {new}, was rev {old}); it is shown now.</source>
        <translation>Versi baru masuk (rev {new}, sebelumnya rev {old}); kini yang ditampilkan.</translation>
    </message>
    <message>
        <source>Corrected after rev {rev}: {n} fields changed ({names}).</source>
        <translation>Diperbaiki sesudah rev {rev}: {n} bidang berubah ({names}).</translation>
    </message>
    <message>
        <source>Possible duplicate: the same NIK is in {n} other records. Compare (Ctrl+D).</source>
        <translation>Kemungkinan duplikat: NIK yang sama ada di {n} data lain. Bandingkan (Ctrl+D).</translation>
    </message>
    <message>
        <source>Acknowledged: ! {text}</source>
        <translation>Diakui: ! {text}</translation>
    </message>
    <message>
        <source>✓ The server checks found no problem.</source>
        <translation>✓ Pemeriksaan server tidak menemukan masalah.</translation>
    </message>
    <message>
        <source>No heirs</source>
        <translation>Tidak ada ahli waris</translation>
    </message>
    <message>
        <source>Consent given by</source>
        <translation>Persetujuan lewat</translation>
    </message>
    <message>
        <source>Privacy notice version</source>
        <translation>Versi pemberitahuan privasi</translation>
    </message>
    <message>
        <source>Purposes</source>
        <translation>Tujuan</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Dibacakan</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>Saksi</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Tanggal persetujuan</translation>
    </message>
</context>
<context>
    <name>ReviewFields</name>
    <message>
        <source>Identity</source>
        <translation>Identitas</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Heirs</source>
        <translation>Ahli Waris</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Persetujuan</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Heir {n}: {field}</source>
        <translation>Ahli waris {n}: {field}</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Full name (as on the KTP)</source>
        <translation>Nama lengkap (sesuai KTP)</translation>
    </message>
    <message>
        <source>Place of birth</source>
        <translation>Tempat lahir</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Jenis kelamin</translation>
    </message>
    <message>
        <source>Mother's maiden name</source>
        <translation>Nama ibu kandung</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>Nomor HP</translation>
    </message>
    <message>
        <source>Has no mobile</source>
        <translation>Tidak memiliki HP</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>KK number</source>
        <translation>Nomor KK</translation>
    </message>
    <message>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provinsi</translation>
    </message>
    <message>
        <source>Regency/city</source>
        <translation>Kab/Kota</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa/Kelurahan</translation>
    </message>
    <message>
        <source>Village (typed)</source>
        <translation>Desa/Kelurahan (diketik)</translation>
    </message>
    <message>
        <source>Place of capture</source>
        <translation>Tempat pendataan</translation>
    </message>
    <message>
        <source>Main occupation</source>
        <translation>Pekerjaan utama</translation>
    </message>
    <message>
        <source>Main occupation, detail</source>
        <translation>Pekerjaan utama, keterangan</translation>
    </message>
    <message>
        <source>Second occupation</source>
        <translation>Pekerjaan kedua</translation>
    </message>
    <message>
        <source>Second occupation, detail</source>
        <translation>Pekerjaan kedua, keterangan</translation>
    </message>
    <message>
        <source>Work location</source>
        <translation>Lokasi kerja</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Jam kerja</translation>
    </message>
    <message>
        <source>Income per month</source>
        <translation>Penghasilan per bulan</translation>
    </message>
    <message>
        <source>Already a PU participant?</source>
        <translation>Sudah peserta PU?</translation>
    </message>
    <message>
        <source>Payment period</source>
        <translation>Periode bayar</translation>
    </message>
    <message>
        <source>First contribution month</source>
        <translation>Bulan iuran pertama</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>Sumber dana</translation>
    </message>
    <message>
        <source>Funding reference</source>
        <translation>Referensi dana</translation>
    </message>
    <message>
        <source>JHT funding source</source>
        <translation>Sumber dana JHT</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>Iuran</translation>
    </message>
    <message>
        <source>Registration date</source>
        <translation>Tanggal pendaftaran</translation>
    </message>
    <message>
        <source>Registration place</source>
        <translation>Tempat pendaftaran</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Saluran</translation>
    </message>
    <message>
        <source>Branch office</source>
        <translation>Kantor cabang</translation>
    </message>
    <message>
        <source>Participant's signature</source>
        <translation>Tanda tangan peserta</translation>
    </message>
    <message>
        <source>Agent's signature</source>
        <translation>Tanda tangan petugas</translation>
    </message>
    <message>
        <source>Paper form no.</source>
        <translation>Nomor formulir kertas</translation>
    </message>
    <message>
        <source>Consent record</source>
        <translation>Data persetujuan</translation>
    </message>
    <message>
        <source>Agent's notes</source>
        <translation>Catatan petugas</translation>
    </message>
    <message>
        <source>Restricted</source>
        <translation>Dibatasi</translation>
    </message>
    <message>
        <source>Checked warnings</source>
        <translation>Peringatan yang sudah diperiksa</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Kegiatan</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Urutan</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Hubungan</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
    <message>
        <source>{n} months</source>
        <translation>{n} bulan</translation>
    </message>
    <message>
        <source>On screen</source>
        <translation>Di layar</translation>
    </message>
    <message>
        <source>On paper</source>
        <translation>Di kertas</translation>
    </message>
    <message>
        <source>{monthly}/month, total {total}</source>
        <translation>{monthly}/bulan, total {total}</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>perkiraan</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Disetujui</translation>
    </message>
    <message>
        <source>Needs correction</source>
        <translation>Perlu perbaikan</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>duplikat</translation>
    </message>
    <message>
        <source>outside area</source>
        <translation>luar wilayah</translation>
    </message>
    <message>
        <source>attachment missing</source>
        <translation>lampiran belum lengkap</translation>
    </message>
    <message>
        <source>awaiting record</source>
        <translation>menunggu data induk</translation>
    </message>
    <message>
        <source>Incomplete data</source>
        <translation>Data tidak lengkap</translation>
    </message>
    <message>
        <source>Wrong data</source>
        <translation>Data salah</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Tidak memenuhi syarat</translation>
    </message>
    <message>
        <source>No consent</source>
        <translation>Tidak ada persetujuan</translation>
    </message>
    <message>
        <source>Already a member</source>
        <translation>Sudah menjadi peserta</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>Returned for correction</source>
        <translation>Dikembalikan untuk perbaikan</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Dibuka kembali</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <source>Event</source>
        <translation>Kegiatan</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Terima</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Tunggu</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Tanda</translation>
    </message>
    <message>
        <source>Outside events</source>
        <translation>Di luar kegiatan</translation>
    </message>
    <message>
        <source>Records received so far; the event is still open.</source>
        <translation>Data yang sudah diterima; kegiatan belum ditutup.</translation>
    </message>
    <message>
        <source>{arrived} of {expected} records of the closed event received.</source>
        <translation>{arrived} dari {expected} data kegiatan yang ditutup sudah diterima.</translation>
    </message>
    <message>
        <source>St</source>
        <translation>St</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Tanda</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Cek</translation>
    </message>
    <message>
        <source>{errors} errors, {warnings} warnings</source>
        <translation>{errors} kesalahan, {warnings} peringatan</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
</context>
<context>
    <name>ReviewWorkspace</name>
    <message>
        <source>Review needs a connection. Decisions wait; your notes are kept.</source>
        <translation>Pemeriksaan butuh koneksi. Keputusan menunggu; catatan Anda tetap ada.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Antrean</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>No records are waiting.</source>
        <translation>Tidak ada data yang menunggu.</translation>
    </message>
    <message>
        <source>Approve selecte&amp;d ({n})</source>
        <translation>Setujui yang d&amp;ipilih ({n})</translation>
    </message>
    <message>
        <source>Approves the selected records without flags or errors, at most 200.</source>
        <translation>Menyetujui data terpilih yang tanpa tanda dan tanpa kesalahan, paling banyak 200.</translation>
    </message>
</context>
<context>
    <name>SectionNav</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n kesalahan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n peringatan</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Tidak ada masalah</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Umum</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sinkronisasi</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Keamanan</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Cetak</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Tentang</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Bahasa</translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>&amp;Kontras tinggi</translation>
    </message>
    <message>
        <source>&amp;Touch mode</source>
        <translation>Mode se&amp;ntuh</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Otomatis</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Mati</translation>
    </message>
    <message>
        <source>Ser&amp;ver address</source>
        <translation>&amp;Alamat server</translation>
    </message>
    <message>
        <source>&amp;Automatic sync</source>
        <translation>Sinkron &amp;otomatis</translation>
    </message>
    <message>
        <source>Enroll this laptop with a &amp;code…</source>
        <translation>Daf&amp;tarkan laptop ini dengan kode…</translation>
    </message>
    <message>
        <source>Sync &amp;every</source>
        <translation>Sinkron s&amp;etiap</translation>
    </message>
    <message>
        <source> min</source>
        <translation> menit</translation>
    </message>
    <message>
        <source>Auto-loc&amp;k after</source>
        <translation>Kunci otomatis setela&amp;h</translation>
    </message>
    <message>
        <source> min idle</source>
        <translation> menit tanpa kegiatan</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Ganti kata sandi</translation>
    </message>
    <message>
        <source>C&amp;urrent password</source>
        <translation>Kata sandi &amp;lama</translation>
    </message>
    <message>
        <source>&amp;New password (min. {n})</source>
        <translation>Kata sandi ba&amp;ru (min. {n})</translation>
    </message>
    <message>
        <source>&amp;Repeat new password</source>
        <translation>&amp;Ulangi kata sandi baru</translation>
    </message>
    <message>
        <source>Change &amp;password</source>
        <translation>&amp;Ganti kata sandi</translation>
    </message>
    <message>
        <source>Default pr&amp;inter</source>
        <translation>&amp;Printer bawaan</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Bawaan sistem</translation>
    </message>
    <message>
        <source>{app} {version} · offline-first enrollment for BPJS Ketenagakerjaan BPU</source>
        <translation>{app} {version} · pendaftaran BPU BPJS Ketenagakerjaan, tetap jalan tanpa koneksi</translation>
    </message>
    <message>
        <source>Lo&amp;g folder</source>
        <translation>Fol&amp;der log</translation>
    </message>
    <message>
        <source>&amp;Open log folder</source>
        <translation>Buka folder log</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>Kembal&amp;ikan bawaan</translation>
    </message>
    <message>
        <source>A server address starts with https:// (http:// on this laptop only).</source>
        <translation>Alamat server diawali https:// (http:// hanya untuk laptop ini).</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>Kata sandi minimal {n} karakter.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Kedua kata sandi tidak sama.</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>Mengganti…</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Kata sandi sudah diganti.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Kata sandi lama salah.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>BPJS Ketenagakerjaan staff</source>
        <translation>Staf BPJS Ketenagakerjaan</translation>
    </message>
    <message>
        <source>Intern</source>
        <translation>Magang</translation>
    </message>
    <message>
        <source>Perisai agent</source>
        <translation>Agen Perisai</translation>
    </message>
    <message>
        <source>Wadah officer</source>
        <translation>Petugas wadah</translation>
    </message>
    <message>
        <source>Set up Jangkau</source>
        <translation>Penyiapan Jangkau</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Kembali</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Lanjut &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Setting up…</source>
        <translation>Menyiapkan…</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>Selesa&amp;i</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Nomor HP</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa/Kelurahan</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Contribution/month</source>
        <translation>Iuran/bulan</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>Kepesertaan</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Diubah</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Ub&amp;ah</translation>
    </message>
    <message>
        <source>Open the form (Enter)</source>
        <translation>Buka formulir (Enter)</translation>
    </message>
    <message>
        <source>Print form</source>
        <translation>Cetak formulir</translation>
    </message>
    <message>
        <source>Log visit</source>
        <translation>Catat kunjungan</translation>
    </message>
    <message>
        <source>Logging visits comes with the follow-up screen.</source>
        <translation>Catat kunjungan hadir bersama layar tindak lanjut.</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>&amp;Riwayat</translation>
    </message>
    <message>
        <source>Has no mobile</source>
        <translation>Tidak memiliki HP</translation>
    </message>
    <message>
        <source>Not a participant yet</source>
        <translation>Belum menjadi peserta</translation>
    </message>
    <message>
        <source>Vie&amp;w</source>
        <translation>L&amp;ihat</translation>
    </message>
    <message>
        <source>Choose a prospect to see its details.</source>
        <translation>Pilih prospek untuk melihat rinciannya.</translation>
    </message>
    <message>
        <source>Print the enrollment form (Ctrl+P)</source>
        <translation>Cetak formulir pendaftaran (Ctrl+P)</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) marked</source>
        <translation>
            <numerusform>%n bidang ditandai</numerusform>
        </translation>
    </message>
    <message>
        <source>Registration approved</source>
        <translation>Pendaftaran disetujui</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in as supervisor</source>
        <translation>Masuk sebagai pengawas</translation>
    </message>
    <message>
        <source>You were away for a while. Type your password again; your notes are kept.</source>
        <translation>Anda lama tidak aktif. Ketik kata sandi lagi; catatan Anda tetap ada.</translation>
    </message>
    <message>
        <source>Supervisors sign in online against the Jangkau server.</source>
        <translation>Pengawas masuk secara daring ke server Jangkau.</translation>
    </message>
    <message>
        <source>Server &amp;address</source>
        <translation>&amp;Alamat server</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Nama pengguna</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>&amp;Kata sandi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Masuk…</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Masuk</translation>
    </message>
    <message>
        <source>Review needs a connection. Check the network and the server address.</source>
        <translation>Pemeriksaan butuh koneksi. Periksa jaringan dan alamat server.</translation>
    </message>
    <message>
        <source>This account is not a supervisor account.</source>
        <translation>Akun ini bukan akun pengawas.</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>Sync &amp;panel…</source>
        <translation>&amp;Panel sinkronisasi…</translation>
    </message>
    <message>
        <source>&amp;Enroll this laptop…</source>
        <translation>&amp;Daftarkan laptop ini…</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Sinkronisasi</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Belum terdaftar</translation>
    </message>
    <message>
        <source>Wi-Fi needs login</source>
        <translation>Wi-Fi perlu login</translation>
    </message>
    <message>
        <source>Laptop blocked</source>
        <translation>Laptop diblokir</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sinkronisasi</translation>
    </message>
    <message>
        <source>Enrollment</source>
        <translation>Pendaftaran</translation>
    </message>
    <message>
        <source>Key renewal</source>
        <translation>Pembaruan kunci</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Berhasil</translation>
    </message>
    <message>
        <source>Succeeded: {sent} sent, {received} received, {pulled} fetched</source>
        <translation>Berhasil: {sent} dikirim, {received} diterima, {pulled} diambil</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Enroll again</source>
        <translation>Daftar ulang</translation>
    </message>
    <message>
        <source>Server busy</source>
        <translation>Server sibuk</translation>
    </message>
    <message>
        <source>App too old</source>
        <translation>Aplikasi perlu diperbarui</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>{n} gagal</translation>
    </message>
    <message>
        <source>Checking the server</source>
        <translation>Memeriksa server</translation>
    </message>
    <message>
        <source>Sending {done}/{total}</source>
        <translation>Mengirim {done}/{total}</translation>
    </message>
    <message>
        <source>Fetching changes</source>
        <translation>Mengambil perubahan</translation>
    </message>
    <message>
        <source>Renewing the key</source>
        <translation>Memperbarui kunci</translation>
    </message>
    <message>
        <source>Status: {state}</source>
        <translation>Status: {state}</translation>
    </message>
    <message>
        <source>Unsent {unsent} | Invalid {invalid} | Conflict {conflict} | Needs correction {returned}</source>
        <translation>Belum terkirim {unsent} | Tidak valid {invalid} | Konflik {conflict} | Perlu perbaikan {returned}</translation>
    </message>
    <message>
        <source>Never synced.</source>
        <translation>Belum pernah sinkron.</translation>
    </message>
    <message>
        <source>Last success {when}</source>
        <translation>Terakhir berhasil {when}</translation>
    </message>
    <message numerus="yes">
        <source>Retrying automatically in %n minute(s)</source>
        <translation>
            <numerusform>Coba lagi otomatis dalam %n menit</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Batal</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sinkronkan sekarang</translation>
    </message>
    <message>
        <source>&amp;Enroll this laptop…</source>
        <translation>&amp;Daftarkan laptop ini…</translation>
    </message>
    <message>
        <source>Cop&amp;y details for support</source>
        <translation>Salin &amp;rincian untuk dukungan</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
</context>
<context>
    <name>UndoToast</name>
    <message>
        <source>Undo</source>
        <translation>Urungkan</translation>
    </message>
    <message>
        <source>Undo the last decision (Ctrl+Z)</source>
        <translation>Urungkan keputusan terakhir (Ctrl+Z)</translation>
    </message>
    <message>
        <source>{outcome}: {name}.</source>
        <translation>{outcome}: {name}.</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Kata &amp;sandi</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Tambah</translation>
    </message>
    <message>
        <source>Set up a profile for another agent on this laptop</source>
        <translation>Siapkan profil untuk petugas lain di laptop ini</translation>
    </message>
    <message>
        <source>! Caps Lock is on</source>
        <translation>! Caps Lock aktif</translation>
    </message>
    <message>
        <source>&amp;Forgot password?</source>
        <translation>&amp;Lupa kata sandi?</translation>
    </message>
    <message>
        <source>Sign in as &amp;supervisor</source>
        <translation>Masuk sebagai pen&amp;gawas</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Membuka…</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Buka</translation>
    </message>
    <message>
        <source>Too many wrong tries. Wait {seconds} seconds.</source>
        <translation>Terlalu banyak percobaan salah. Tunggu {seconds} detik.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Kata sandi salah.</translation>
    </message>
    <message>
        <source>The password cannot be reset on this laptop, and this profile's key is not sealed to the agency recovery key. Ask your branch office: what was already synced is safe on the server.</source>
        <translation>Kata sandi tidak bisa diatur ulang di laptop ini, dan kunci profil ini belum disegel ke kunci pemulihan lembaga. Hubungi kantor cabang: data yang sudah tersinkron aman di server.</translation>
    </message>
    <message>
        <source>Forgot password?</source>
        <translation>Lupa kata sandi?</translation>
    </message>
    <message>
        <source>The password cannot be reset on this laptop. Ask your branch office: they can recover the data with the agency recovery key.</source>
        <translation>Kata sandi tidak bisa diatur ulang di laptop ini. Hubungi kantor cabang: data bisa dipulihkan dengan kunci pemulihan lembaga.</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify printed form</source>
        <translation>Periksa formulir cetak</translation>
    </message>
    <message>
        <source>Scan the QR code of a printed form with a scanner or phone, or paste its text (it starts with JKU1). Jangkau compares it with the data on this laptop.</source>
        <translation>Pindai kode QR pada formulir cetak dengan pemindai atau HP, atau tempel teksnya (diawali JKU1). Jangkau mencocokkannya dengan data di laptop ini.</translation>
    </message>
    <message>
        <source>&amp;Code of the form</source>
        <translation>&amp;Kode formulir</translation>
    </message>
    <message>
        <source>Chec&amp;k</source>
        <translation>&amp;Periksa</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Cocok</translation>
    </message>
    <message>
        <source>Does not match</source>
        <translation>Tidak cocok</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Tidak ditemukan</translation>
    </message>
    <message>
        <source>Not a form code</source>
        <translation>Bukan kode formulir</translation>
    </message>
    <message>
        <source>this prospect</source>
        <translation>prospek ini</translation>
    </message>
    <message>
        <source>The paper shows the current data of {name} (version {revision}).</source>
        <translation>Formulir ini sesuai dengan data terbaru {name} (versi {revision}).</translation>
    </message>
    <message>
        <source>The paper is out of date: the data of {name} was changed after printing (paper version {printed}, now {current}). Print the form again.</source>
        <translation>Formulir ini sudah usang: data {name} diubah setelah dicetak (versi kertas {printed}, sekarang {current}). Cetak ulang formulirnya.</translation>
    </message>
    <message>
        <source>The paper is newer than the data on this laptop. Sync first, then check again.</source>
        <translation>Formulir ini lebih baru daripada data di laptop ini. Sinkronkan dulu, lalu periksa lagi.</translation>
    </message>
    <message>
        <source>The paper and the data of {name} differ, although both are version {revision}. Someone changed the paper or the data: compare them, then print again.</source>
        <translation>Formulir dan data {name} berbeda, padahal sama-sama versi {revision}. Kertas atau datanya telah diubah: bandingkan keduanya, lalu cetak ulang.</translation>
    </message>
    <message>
        <source>There is no prospect with this code on this laptop. Sync first; the form may belong to another agent.</source>
        <translation>Tidak ada prospek dengan kode ini di laptop ini. Sinkronkan dulu; mungkin formulir ini milik petugas lain.</translation>
    </message>
</context>
<context>
    <name>WorkSection</name>
    <message>
        <source>Work and income</source>
        <translation>Pekerjaan &amp; penghasilan</translation>
    </message>
    <message>
        <source>&amp;Main occupation</source>
        <translation>Pekerjaan &amp;utama</translation>
    </message>
    <message>
        <source>&amp;Detail</source>
        <translation>&amp;Keterangan</translation>
    </message>
    <message>
        <source>&amp;Second occupation</source>
        <translation>Pekerjaan ke&amp;dua</translation>
    </message>
    <message>
        <source>D&amp;etail (second)</source>
        <translation>K&amp;eterangan (kedua)</translation>
    </message>
    <message>
        <source>Work &amp;location</source>
        <translation>&amp;Lokasi kerja</translation>
    </message>
    <message>
        <source>Working &amp;hours</source>
        <translation>&amp;Jam kerja</translation>
    </message>
    <message>
        <source>Monthly &amp;income (Rp)</source>
        <translation>&amp;Penghasilan per bulan (Rp)</translation>
    </message>
    <message>
        <source>Type to search</source>
        <translation>Ketik untuk mencari</translation>
    </message>
    <message>
        <source>None, or type to search</source>
        <translation>Kosongkan, atau ketik untuk mencari</translation>
    </message>
    <message>
        <source>Required for Other</source>
        <translation>Wajib untuk Lainnya</translation>
    </message>
    <message>
        <source>e.g. 06.00–14.00</source>
        <translation>mis. 06.00–14.00</translation>
    </message>
</context>
<context>
    <name>_KindCombo</name>
    <message>
        <source>Visit</source>
        <translation>Kunjungan</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Telepon</translation>
    </message>
</context>
<context>
    <name>_ProblemLine</name>
    <message>
        <source>Error</source>
        <translation>Kesalahan</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>I have checked</source>
        <translation>Sudah saya periksa</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Alasan (boleh kosong)</translation>
    </message>
    <message>
        <source>Reason for the warning</source>
        <translation>Alasan untuk peringatan ini</translation>
    </message>
</context>
</TS>