package i18n

// What a file to import or restore is, named as the end of a sentence.
var (
	// ImportWhatBackup: the argument is when the backup was made, a date
	// and time.
	ImportWhatBackup = Message{"a Twofold backup made on %[1]s",
		"%[1]s に作成された Twofold のバックアップ"}
	// ImportWhatExport: the argument is the app's name, such as Aegis.
	ImportWhatExport = Message{"an export of %[1]s", "%[1]s のエクスポート"}
	ImportWhatLinks  = Message{"a list of otpauth:// links", "otpauth:// リンクの一覧"}
)

// A file that cannot be imported or restored. The command-line tool shows
// the English of those it shares with the app.
var (
	ImportNotBackup = Message{"This file is not a Twofold backup.",
		"このファイルは Twofold のバックアップではありません。"}
	// ImportNotBackupHint: the argument is ImportNotBackup.
	ImportNotBackupHint = Message{"%[1]s To bring in another app's export, create a vault first, then use Import in Settings.",
		"%[1]sほかのアプリのエクスポートを取り込むには、まず保管庫を作成してから、設定の「ファイルからインポート」を使ってください。"}
	ImportNeither = Message{"This file is neither a Twofold backup nor an export of an app Twofold reads.",
		"このファイルは Twofold のバックアップでも、Twofold が読み込めるアプリのエクスポートでもありません。"}
	// ImportNeitherLooks: the argument is what the file looks like, in
	// English from the importers ("a PNG image: scan its QR codes…").
	ImportNeitherLooks = Message{"This file is neither a Twofold backup nor an export of an app Twofold reads. It looks like %[1]s.",
		"このファイルは Twofold のバックアップでも、Twofold が読み込めるアプリのエクスポートでもありません（%[1]s）。"}
	ImportWrongPassphrase = Message{"Wrong passphrase for this file. Try again.",
		"このファイルのパスワードまたはパスフレーズが違います。もう一度入力してください。"}
	// ImportBackupWrongPassphrase: a Twofold backup has a passphrase only,
	// another app's export may have a password.
	ImportBackupWrongPassphrase = Message{"Wrong passphrase for this backup. Try again.",
		"このバックアップのパスフレーズが違います。もう一度入力してください。"}
	ImportBackupDamaged = Message{"This backup is damaged (changed or cut short) and cannot be read. Try another copy.",
		"このバックアップは壊れている（書き換えられたか、途中で切れている）ため読み込めません。別のコピーをお試しください。"}
	ImportBackupNewer = Message{"This backup was made by a newer version of Twofold. Update the app to read it.",
		"このバックアップは新しいバージョンの Twofold で作成されています。読み込むにはアプリを更新してください。"}
	ImportDamaged = Message{"This export is damaged and cannot be read.",
		"このエクスポートは壊れているため読み込めません。"}
	ImportKeyCost = Message{"This file asks for more memory or work to open than Twofold allows, so it cannot be opened here. " +
		"Export it again from its app, if the app lets you choose a lighter protection.",
		"このファイルを開くには Twofold が許す以上のメモリや計算量が必要なため、ここでは開けません。" +
			"元のアプリでより軽い保護を選べる場合は、もう一度エクスポートしてください。"}
	// ImportUnsupported: the argument is the importer's English detail.
	ImportUnsupported = Message{"Twofold cannot read this kind of export: %[1]s.",
		"Twofold はこの種類のエクスポートを読み込めません（%[1]s）。"}
)

// Notes about an import as a whole.
var (
	// ImportNote: the argument is the note, ImportNoteWAL or
	// ImportNoteOther.
	ImportNote    = Message{"Note: %[1]s", "注意：%[1]s"}
	ImportNoteWAL = Message{"the app was perhaps still writing to this database. If an account is missing, close the app, copy its database again, and import it again.",
		"アプリがまだこのデータベースに書き込んでいた可能性があります。足りないアカウントがあれば、アプリを閉じてからデータベースをもう一度コピーし、改めてインポートしてください。"}
	// ImportNoteOther: the argument is the importer's note, in English.
	ImportNoteOther = Message{"%[1]s", "このインポートについての補足です（%[1]s）。"}
)

// The import panel: choosing a file.
var (
	ImportTitle = Message{"Import accounts", "アカウントをインポート"}
	// ImportKinds: the argument is the list of apps, ImportAppsLast.
	ImportKinds = Message{"A Twofold backup, a list of otpauth:// links, or an export of %[1]s.",
		"Twofold のバックアップ、otpauth:// リンクの一覧、または次のアプリのエクスポート：%[1]s。"}
	// ImportAppsComma and ImportAppsLast write a list of app names: the
	// first argument is all but the last, joined with ImportAppsComma.
	ImportAppsComma = Message{", ", "、"}
	ImportAppsLast  = Message{"%[1]s and %[2]s", "%[1]s、%[2]s"}
	ImportChoose    = Message{"Choose a file", "ファイルを選択"}
	ImportDropHint  = Message{"or drop it here. The file is read in this page only.",
		"またはここにドロップしてください。ファイルはこのページの中だけで読み込まれます。"}
	ImportReading = Message{"Reading…", "読み込んでいます…"}
	ImportCancel  = Message{"Cancel", "キャンセル"}
)

// The import panel: the password of an encrypted file.
var (
	// ImportEncrypted: the arguments are the file's name and what it is
	// (ImportWhatBackup, ImportWhatExport or ImportWhatLinks).
	ImportEncrypted = Message{"%[1]s is %[2]s. It is encrypted.",
		"「%[1]s」は %[2]sです。暗号化されています。"}
	ImportPassword   = Message{"Its password or passphrase", "このファイルのパスワードまたはパスフレーズ"}
	ImportOpen       = Message{"Open", "開く"}
	ImportDecrypting = Message{"Decrypting…", "復号しています…"}
)

// The import panel: the review of the accounts found.
var (
	// ImportFound: the count, then the file's name and what it is.
	ImportFound = Count{"%[2]s is %[3]s: %[1]s account.", "%[2]s is %[3]s: %[1]s accounts.",
		"「%[2]s」は %[3]sです。アカウントは %[1]s 件です。"}
	// ImportFoundKnown: as ImportFound, then how many of them the vault
	// already has.
	ImportFoundKnown = Count{"%[2]s is %[3]s: %[1]s account, %[4]s of them already in your vault (not ticked).",
		"%[2]s is %[3]s: %[1]s accounts, %[4]s of them already in your vault (not ticked).",
		"「%[2]s」は %[3]sです。アカウントは %[1]s 件で、うち %[4]s 件はすでに保管庫にあります（チェックを外しています）。"}
	// ImportScanned: the count, then what was scanned, as the scanner
	// names it in the same language.
	ImportScanned = Count{"You scanned %[2]s: %[1]s account.", "You scanned %[2]s: %[1]s accounts.",
		"%[2]sを読み取りました。アカウントは %[1]s 件です。"}
	ImportScannedKnown = Count{"You scanned %[2]s: %[1]s account, %[3]s of them already in your vault (not ticked).",
		"You scanned %[2]s: %[1]s accounts, %[3]s of them already in your vault (not ticked).",
		"%[2]sを読み取りました。アカウントは %[1]s 件で、うち %[3]s 件はすでに保管庫にあります（チェックを外しています）。"}
	ImportInVault = Message{"already in your vault", "保管庫に登録済み"}
	// ImportDetailTOTP and ImportDetailHOTP describe a key: its hash
	// algorithm, digits, and period in seconds or counter.
	ImportDetailTOTP = Message{"TOTP · %[1]s · %[2]d digits · %[3]d s", "TOTP · %[1]s · %[2]d 桁 · %[3]d 秒"}
	ImportDetailHOTP = Message{"HOTP · %[1]s · %[2]d digits · counter %[3]d", "HOTP · %[1]s · %[2]d 桁 · カウンター %[3]d"}
	ImportSkipped    = Count{"%[1]s entry could not be imported:", "%[1]s entries could not be imported:",
		"%[1]s 件の項目をインポートできませんでした："}
	// ImportSkipEntry: the entry's position from 1, its label and why
	// (one of the ImportWhy messages).
	ImportSkipEntry = Message{"entry %[1]d (%[2]s): %[3]s", "%[1]d 件目（%[2]s）：%[3]s"}
	// ImportSkipPart: a part of an export that is no entry, and why.
	ImportSkipPart = Message{"%[1]s: %[2]s", "%[1]s：%[2]s"}
	ImportConfirm  = Message{"Import the ticked accounts", "チェックしたアカウントをインポート"}
	ImportNone     = Message{"Nothing ticked to import", "インポートするアカウントが選ばれていません"}
	ImportWorking  = Message{"Importing…", "インポートしています…"}
	ImportAdded    = Count{"%[1]s account added to your vault.", "%[1]s accounts added to your vault.",
		"%[1]s 件のアカウントを保管庫に追加しました。"}
	ImportDone = Message{"Done", "完了"}
)

// Why an entry was skipped. English shows the importer's own words, the
// argument; Japanese says what kind of problem it is, with them as detail.
var (
	ImportWhyUnsupported = Message{"%[1]s", "Twofold では読み込めない内容です（%[1]s）"}
	ImportWhyDamaged     = Message{"%[1]s", "データが壊れています（%[1]s）"}
	ImportWhySecret      = Message{"%[1]s", "シークレットキーが正しくありません（%[1]s）"}
	ImportWhyLabel       = Message{"%[1]s", "サービス名またはアカウント名が正しくありません（%[1]s）"}
	ImportWhyParams      = Message{"%[1]s", "コードの設定が正しくありません（%[1]s）"}
	ImportWhyOther       = Message{"%[1]s", "読み込めませんでした（%[1]s）"}
)

// The text export.
var (
	ExportTitle = Message{"Export as a text file", "テキストファイルとしてエクスポート"}
	ExportIntro = Message{"For moving to another authenticator app: one otpauth:// link per account, which most apps import.",
		"別の認証アプリへ移るためのものです。アカウントごとに otpauth:// リンクを 1 つ書き出します。ほとんどのアプリがこれをインポートできます。"}
	// ExportNotEncrypted is the warning's first sentence, in bold; the
	// English ends with a space before ExportWarning.
	ExportNotEncrypted = Message{"This file is not encrypted. ", "このファイルは暗号化されていません。"}
	ExportWarning      = Message{"Anyone who reads it can make your codes, for every account in it. " +
		"Do not e-mail it or put it in a shared folder; delete it once the other app has imported it. " +
		"To keep a copy for yourself, make an encrypted backup instead.",
		"読んだ人は誰でも、含まれるすべてのアカウントのコードを作れます。" +
			"メールで送ったり共有フォルダに置いたりせず、別のアプリへのインポートが済んだら削除してください。" +
			"自分用に控えを残すには、代わりに暗号化されたバックアップを作成してください。"}
	ExportAccounts = Message{"Accounts to export", "エクスポートするアカウント"}
	// ExportNotPortable: the argument says why, in English from the core.
	ExportNotPortable = Message{" (other apps may not read this one: %[1]s)", "（ほかのアプリでは読み込めない可能性があります：%[1]s）"}
	ExportConsent     = Message{"I understand that this file lets anyone who has it sign in as me.",
		"このファイルがあれば誰でも私になりすましてログインできることを理解しました。"}
	ExportTickFirst = Message{"Tick the box first: the file is not encrypted.",
		"先にチェックボックスにチェックを入れてください。このファイルは暗号化されていません。"}
	ExportChooseOne = Message{"Choose at least one account.", "アカウントを 1 つ以上選んでください。"}
	ExportNoSave    = Message{"This browser cannot save files from here.", "このブラウザでは、ここからファイルを保存できません。"}
	// ExportSaved: the count and the file's name.
	ExportSaved = Count{"%[1]s account was saved to %[2]s. Import it into the other app, then delete the file (and empty the trash).",
		"%[1]s accounts were saved to %[2]s. Import it into the other app, then delete the file (and empty the trash).",
		"%[1]s 件のアカウントを %[2]s に保存しました。別のアプリにインポートしたら、このファイルを削除してください（ゴミ箱も空にしてください）。"}
	ExportDownload = Message{"Download text file", "テキストファイルをダウンロード"}
	ExportClose    = Message{"Close", "閉じる"}
)

// The export as Google Authenticator QR codes.
var (
	ExportQRTitle = Message{"Export to another app", "別のアプリへエクスポート"}
	ExportQRIntro = Message{"Shows QR codes in Google Authenticator's transfer format, which Google Authenticator, Aegis, 2FAS, " +
		"Ente Auth, Proton Authenticator and others import by scanning.",
		"Google Authenticator のエクスポート形式で QR コードを表示します。Google Authenticator、Aegis、2FAS、" +
			"Ente Auth、Proton Authenticator などのアプリで読み取ってインポートできます。"}
	ExportQRWarning = Message{"Each code holds the secrets of its accounts. Show them only to the app you move to, " +
		"with nobody looking, and do not take screenshots.",
		"それぞれの QR コードには、そのアカウントのシークレットキーが含まれています。誰にも見られていない場所で、" +
			"移行先のアプリにだけ表示してください。スクリーンショットは撮らないでください。"}
	// ExportQRCannotCarry: the argument says why (ExportQRWhy…).
	ExportQRCannotCarry = Message{" (cannot be carried: %[1]s)", "（この形式では移せません：%[1]s）"}
	// Why the format cannot carry an account; the argument is the
	// account's period or digits.
	ExportQRWhySteam   = Message{"Steam keys", "Steam のキー"}
	ExportQRWhyPeriod  = Message{"a period of %[1]d s (the format has only 30 s)", "周期が %[1]d 秒"}
	ExportQRWhyDigits  = Message{"%[1]d digits (the format has only 6 and 8)", "%[1]d 桁"}
	ExportQRWhyCounter = Message{"a counter above 2^63-1", "2^63-1 を超えるカウンター"}
	ExportQRShow       = Message{"Show QR codes", "QR コードを表示"}
	ExportQRCancel     = Message{"Cancel", "キャンセル"}
	ExportQRNone       = Message{"None of these accounts can be written as a Google Authenticator code.",
		"選んだアカウントはどれも Google Authenticator の QR コードとして書き出せません。"}
	ExportQRLeftOut = Message{"Left out, because this format would carry them wrong (move them by text export or by hand):",
		"次のアカウントは、この形式では正しく移せないため含めていません（テキストファイルでエクスポートするか、手動で移してください）："}
	// ExportQRSkip: an account's label and why it was left out
	// (ExportQRWhy…).
	ExportQRSkip = Message{"%[1]s: %[2]s", "%[1]s（%[2]s）"}
	// ExportQRCount and ExportQRAlt: the code's position from 1, and how
	// many codes there are.
	ExportQRCount = Message{"Code %[1]d of %[2]d. Scan each code with the other app.",
		"%[2]d 個中 %[1]d 個目の QR コードです。別のアプリでそれぞれ読み取ってください。"}
	ExportQRAlt  = Message{"QR code %[1]d of %[2]d", "QR コード（%[2]d 個中 %[1]d 個目）"}
	ExportQRPrev = Message{"Previous", "前へ"}
	ExportQRNext = Message{"Next", "次へ"}
	ExportQRDone = Message{"Done", "完了"}
)
