"""Every word printed on Jangkau's paper, in Bahasa Indonesia.

Printed official forms are always Indonesian, whatever language the app runs in (STYLE.md §6), so
these are plain constants, not Qt translations. Codes (package, funding source, relationship…) are
those of ``sync.protocol.ProspectPayload``; the mappings below give their printed words.
"""

from __future__ import annotations

import re

# --- title block --------------------------------------------------------------------------------
AGENCY = "BPJS Ketenagakerjaan"
BRANCH_PREFIX = "Kantor Cabang"
FORM_TITLE = "FORMULIR PENDAFTARAN PESERTA BUKAN PENERIMA UPAH (BPU)"
FORM_TITLE_LINES = ("FORMULIR PENDAFTARAN PESERTA", "BUKAN PENERIMA UPAH (BPU)")
FORM_CODE = "Formulir F1 BPU"
FORM_SUBTITLE_PREFILLED = "Data diisi oleh petugas dari aplikasi Jangkau – periksa bersama peserta"
FORM_SUBTITLE_BLANK = "Diisi dengan huruf cetak, tinta hitam atau biru"
FORM_CONTINUED = "lanjutan"
FORM_TITLE_SHORT = "FORMULIR PENDAFTARAN PESERTA BPU"
REPRINT = "CETAK ULANG ke-{n}"
REPRINT_WATERMARK = "CETAK ULANG"
RECORD_ID = "ID"
REVISION = "Revisi"
QR_CAPTION = "Pindai untuk mencocokkan dengan data"
PAGE = "Halaman {page}/{pages}"
PRINTED_BY = "Dicetak {date} oleh {agent}"
PRINTED_ON = "Dicetak {date}"

# --- empty boxes ----------------------------------------------------------------------------------
HINT_HANDWRITE = "isi tangan"
HINT_IF_ANY = "jika ada"
HINT_PICK_ONE = "pilih satu"
ESTIMATE = "Perkiraan – tabel belum diverifikasi"

# --- sections -------------------------------------------------------------------------------------
SEC_IDENTITY = "A. DATA PESERTA"
SEC_ADDRESS = "B. ALAMAT"
SEC_WORK = "C. PEKERJAAN DAN PENGHASILAN"
SEC_PROGRAM = "D. PROGRAM DAN IURAN"
SEC_FUNDING = "E. SUMBER DANA IURAN"
SEC_HEIRS = "F. AHLI WARIS"
SEC_CONSENT = "G. PERSETUJUAN PEMROSESAN DATA PRIBADI"
SEC_SIGNATURES = "H. TANDA TANGAN"
SEC_OFFICE = "I. DIISI KANTOR CABANG"

# --- field captions -------------------------------------------------------------------------------
F_BRANCH = "Kantor cabang"
F_PAPER_NO = "No. formulir kertas"
F_REG_DATE = "Tanggal pendaftaran"
F_REG_PLACE = "Tempat pendaftaran"
F_NIK = "NIK (16 digit, sesuai KTP)"
F_FULL_NAME = "Nama lengkap (sesuai KTP)"
F_BIRTH_PLACE = "Tempat lahir"
F_BIRTH_DATE = "Tanggal lahir (hh/bb/tttt)"
F_SEX = "Jenis kelamin"
F_MOTHER = "Nama ibu kandung"
F_MOBILE = "Nomor HP"
F_NO_MOBILE = "Tidak memiliki HP"
F_EMAIL = "Email"
F_KK = "Nomor KK"
F_ALREADY_PU = "Sudah menjadi peserta Penerima Upah (PU)?"
F_ADDRESS = "Alamat (jalan, gang, dusun, nomor rumah)"
F_RT = "RT"
F_RW = "RW"
F_VILLAGE = "Desa/Kelurahan"
F_DISTRICT = "Kecamatan"
F_REGENCY = "Kabupaten/Kota"
F_PROVINCE = "Provinsi"
F_OCC_1 = "Pekerjaan utama"
F_OCC_2 = "Pekerjaan kedua"
F_WORK_LOCATION = "Lokasi kerja"
F_WORKING_HOURS = "Jam kerja"
F_INCOME = "Penghasilan per bulan (yang dilaporkan)"
F_PACKAGE = "Program"
F_PERIOD = "Periode bayar"
F_FIRST_MONTH = "Bulan iuran pertama"
F_BASIS = "Dasar penghasilan (untuk iuran)"
F_FUNDING = "Sumber dana iuran JKK dan JKM"
F_FUNDING_REF = "Nama program / nomor perjanjian (jika bukan Mandiri)"
F_JHT_FUNDING = "Sumber dana iuran JHT"
F_AGENT = "Nama petugas"
F_SIGN_PLACE_DATE = "Tempat dan tanggal"
F_OFFICE_RECEIVED = "Diterima tanggal"
F_OFFICE_CHECKED_BY = "Diperiksa oleh"
F_OFFICE_RESULT = "Hasil pemeriksaan"
F_OFFICE_INITIALS = "Paraf"
OFFICE_RESULT = {
    "LENGKAP": "Lengkap",
    "PERBAIKAN": "Perlu perbaikan",
    "QR_BEDA": "Data QR tidak cocok",
}
OFFICE_FORM_NO = "No. formulir"
OFFICE_FORM_NO_HINT = "diisi petugas"

# --- choices --------------------------------------------------------------------------------------
SEX = {"L": "Laki-laki", "P": "Perempuan"}
PACKAGE = {"JKK_JKM": "JKK + JKM", "JKK_JKM_JHT": "JKK + JKM + JHT"}
PERIOD = {1: "1 bulan", 3: "3 bulan", 6: "6 bulan", 12: "12 bulan"}
ALREADY_PU = {"YA": "Ya", "TIDAK": "Tidak", "TIDAK_TAHU": "Tidak tahu"}
FUNDING = {
    "MANDIRI": "Mandiri (bayar sendiri)",
    "WADAH_MITRA": "Wadah / mitra",
    "DONATUR_CSR": "Donatur / CSR",
    "SERTAKAN": "SERTAKAN",
    "APBN": "APBN",
    "APBD_PROVINSI": "APBD provinsi",
    "APBD_KABKOTA": "APBD kabupaten/kota",
    "DBHCHT": "DBHCHT",
    "DANA_DESA_APBDES": "Dana desa (APBDes)",
    "OTHER": "Lainnya",
}
RELATIONSHIP = {
    "SUAMI_ISTRI": "Suami/istri",
    "ANAK": "Anak",
    "ORANG_TUA": "Orang tua",
    "CUCU": "Cucu",
    "KAKEK_NENEK": "Kakek/nenek",
    "SAUDARA_KANDUNG": "Saudara kandung",
    "MERTUA": "Mertua",
    "DITUNJUK_WASIAT": "Ditunjuk dalam wasiat",
}

# --- heirs table ----------------------------------------------------------------------------------
HEIR_COLUMNS = ("No.", "Nama ahli waris", "Hubungan", "Nomor HP", "NIK")
HEIR_RELATIONSHIP_HINT = "Hubungan: " + ", ".join(RELATIONSHIP.values()) + "."

# --- contribution table ---------------------------------------------------------------------------
QUOTE_COLUMNS = ("Bulan iuran", "Bulan", "JKK", "JKM", "JHT", "Iuran/bulan", "Jumlah")
QUOTE_TOTAL = "Total {months} bulan"
QUOTE_FIRST = "Iuran bulan pertama"
QUOTE_EMPTY = "Rincian iuran diisi petugas"
DISCOUNT_MARK = "*"
DISCOUNT_NOTE = "* Potongan iuran JKK dan JKM sesuai {basis}. Manfaat tidak berubah."
DISCOUNT_NOTE_GENERIC = "* Potongan iuran JKK dan JKM ({rule})."
JKK_RATE = "JKK"
JKM_RATE = "JKM"
JHT_RATE = "JHT"

_RULE_BASIS = re.compile(r"^PP(\d+)_(\d{4})")


def discount_basis(rule_id: str) -> str:
    """``PP50_2025_OTHER_JKK`` → ``PP 50/2025``; any other id is printed as it is."""
    match = _RULE_BASIS.match(rule_id)
    return f"PP {match.group(1)}/{match.group(2)}" if match else rule_id


# --- consent and signatures -----------------------------------------------------------------------
CONSENT_NOTICE = (
    "Pemberitahuan Pelindungan Data Pribadi versi {version} telah saya baca atau dibacakan "
    "kepada saya. Saya mengerti dasar hukum, tujuan, data yang diproses, lama penyimpanan dan "
    "hak-hak saya menurut UU 27/2022 tentang Pelindungan Data Pribadi."
)
CONSENT_NOTICE_NO_VERSION = CONSENT_NOTICE.replace("versi {version} ", "versi ________ ")
CONSENT_REQUIRED_SUFFIX = "(wajib)"
CONSENT_OPTIONAL_SUFFIX = "(pilihan)"
CONSENT_READ_ALOUD = "Pemberitahuan dibacakan kepada peserta."
CONSENT_WITNESS = "Nama saksi (bila pemberitahuan dibacakan)"
CONSENT_GUARDIAN = "Wali untuk peserta di bawah 18 tahun: nama, hubungan, NIK"
CONSENT_TRUTH = "Saya menyatakan bahwa data dalam formulir ini benar."
CONSENT_NOTICE_VERSION = "Versi pemberitahuan"
SIGN_PARTICIPANT = "Peserta"
SIGN_AGENT = "Petugas"
SIGN_BOX = "Tanda tangan"
THUMB_BOX = "Cap jempol"
SIGN_NAME = "Nama"

# --- receipt stub ---------------------------------------------------------------------------------
CUT_LINE = "potong di sini"
STUB_TITLE = "TANDA TERIMA PENDAFTARAN BPJS KETENAGAKERJAAN (BPU)"
STUB_FOR = "untuk peserta – simpan baik-baik"
STUB_NAME = "Nama peserta"
STUB_NIK = "NIK"
STUB_ID = "ID pendaftaran"
STUB_DATE = "Tanggal"
STUB_AGENT = "Petugas"
STUB_BRANCH = "Kantor cabang"
STUB_CONTRIBUTION = "Total iuran {months} bulan"
STUB_CONTRIBUTION_BLANK = "Total iuran"
STUB_PAPER_NO = "No. formulir"
STUB_INITIALS = "Paraf petugas"
STUB_PAY = (
    "Bayar iuran dengan NIK Anda di bank, e-wallet/QRIS atau mitra ritel. Simpan setiap bukti "
    "bayar. Kepesertaan berakhir bila iuran tidak dibayar lebih dari 3 bulan berturut-turut."
)

# --- information sheet ----------------------------------------------------------------------------
INFO_TITLE = "INFORMASI MANFAAT DAN IURAN"
INFO_SUBTITLE = "BPJS Ketenagakerjaan untuk Pekerja Bukan Penerima Upah (BPU)"
INFO_FOR = "Disiapkan untuk"
INFO_YOUR_CONTRIBUTION = "IURAN ANDA"
INFO_EXAMPLES = "CONTOH IURAN PER BULAN"
INFO_EXAMPLE_COLUMNS = (
    "Penghasilan per bulan",
    "Dasar penghasilan",
    "JKK + JKM",
    "JKK + JKM + JHT",
)
INFO_EXAMPLE_NOTE = (
    "Iuran penuh tanpa potongan. JKK 1% dan JHT 2% dari dasar penghasilan, JKM {jkm} per bulan."
)
INFO_VERSION = "Lembar informasi versi {version}"
INFO_UNCERTAIN_MARK = "†"
INFO_UNCERTAIN_NOTE = "† Perkiraan – tabel belum diverifikasi."
INFO_DISCOUNT = "Potongan iuran JKK dan JKM sesuai {basis} (dibayar {pct}%): {periods}."
INFO_DISCOUNT_EXCLUDED = "Potongan tidak berlaku bila iuran dibayar oleh {sources}."
INFO_PROGRAMME = "Program"
SECTOR = {
    "TRANSPORTASI": "pengemudi dan kurir (sektor transportasi)",
    "NON_TRANSPORTASI": "pekerjaan lainnya",
    "ALL": "semua peserta",
}
