package i18n

// What a file to import or restore is, named as the end of a sentence.
var (
	// ImportWhatBackup: the argument is when the backup was made, a date
	// and time.
	ImportWhatBackup = New("a Twofold backup made on %[1]s",
		"%[1]s に作成された Twofold のバックアップ")
	// ImportWhatExport: the argument is the app's name, such as Aegis.
	ImportWhatExport = New("an export of %[1]s", "%[1]s のエクスポート")
	ImportWhatLinks  = New("a list of otpauth:// links", "otpauth:// リンクの一覧")
)

// A file that cannot be imported or restored. The command-line tool shows
// the English of those it shares with the app.
var (
	ImportNotBackup = New("This file is not a Twofold backup.",
		"このファイルは Twofold のバックアップではありません。")
	// ImportNotBackupHint: the argument is ImportNotBackup.
	ImportNotBackupHint = New("%[1]s To bring in another app's export, create a vault first, then use Import in Settings.",
		"%[1]sほかのアプリのエクスポートを取り込むには、まず保管庫を作成してから、設定の「ファイルからインポート」を使ってください。")
	ImportNeither = New("This file is neither a Twofold backup nor an export of an app Twofold reads.",
		"このファイルは Twofold のバックアップでも、Twofold が読み込めるアプリのエクスポートでもありません。")
	// ImportNeitherLooks: the argument is what the file looks like, in
	// English from the importers ("a PNG image: scan its QR codes…").
	ImportNeitherLooks = New("This file is neither a Twofold backup nor an export of an app Twofold reads. It looks like %[1]s.",
		"このファイルは Twofold のバックアップでも、Twofold が読み込めるアプリのエクスポートでもありません（%[1]s）。")
	ImportWrongPassphrase = New("Wrong passphrase for this file. Try again.",
		"このファイルのパスワードまたはパスフレーズが違います。もう一度入力してください。")
	ImportBackupDamaged = New("This backup is damaged (changed or cut short) and cannot be read. Try another copy.",
		"このバックアップは壊れている（書き換えられたか、途中で切れている）ため読み込めません。別のコピーをお試しください。")
	ImportBackupNewer = New("This backup was made by a newer version of Twofold. Update the app to read it.",
		"このバックアップは新しいバージョンの Twofold で作成されています。読み込むにはアプリを更新してください。")
	ImportDamaged = New("This export is damaged and cannot be read.",
		"このエクスポートは壊れているため読み込めません。")
	ImportKeyCost = New("This file asks for more memory or work to open than Twofold allows, so it cannot be opened here. "+
		"Export it again from its app, if the app lets you choose a lighter protection.",
		"このファイルを開くには Twofold が許す以上のメモリや計算量が必要なため、ここでは開けません。"+
			"元のアプリでより軽い保護を選べる場合は、もう一度エクスポートしてください。")
	// ImportUnsupported: the argument is the importer's English detail.
	ImportUnsupported = New("Twofold cannot read this kind of export: %[1]s.",
		"Twofold はこの種類のエクスポートを読み込めません（%[1]s）。")
)

// Notes about an import as a whole.
var (
	// ImportNote: the argument is the note, ImportNoteWAL or
	// ImportNoteOther.
	ImportNote    = New("Note: %[1]s", "注意：%[1]s")
	ImportNoteWAL = New("the app was perhaps still writing to this database. If an account is missing, close the app, copy its database again, and import it again.",
		"アプリがまだこのデータベースに書き込んでいた可能性があります。足りないアカウントがあれば、アプリを閉じてからデータベースをもう一度コピーし、改めてインポートしてください。")
	// ImportNoteOther: the argument is the importer's note, in English.
	ImportNoteOther = New("%[1]s", "このインポートについての補足です（%[1]s）。")
)

// The import panel: choosing a file.
var (
	ImportTitle = New("Import accounts", "アカウントをインポート")
	// ImportKinds: the argument is the list of apps, ImportAppsLast.
	ImportKinds = New("A Twofold backup, a list of otpauth:// links, or an export of %[1]s.",
		"Twofold のバックアップ、otpauth:// リンクの一覧、または次のアプリのエクスポート：%[1]s。")
	// ImportAppsComma and ImportAppsLast write a list of app names: the
	// first argument is all but the last, joined with ImportAppsComma.
	ImportAppsComma = New(", ", "、")
	ImportAppsLast  = New("%[1]s and %[2]s", "%[1]s、%[2]s")
	ImportChoose    = New("Choose a file", "ファイルを選択")
	ImportDropHint  = New("or drop it here. The file is read in this page only.",
		"またはここにドロップしてください。ファイルはこのページの中だけで読み込まれます。")
	ImportReading = New("Reading…", "読み込んでいます…")
	ImportCancel  = New("Cancel", "キャンセル")
)

// The import panel: the password of an encrypted file.
var (
	// ImportEncrypted: the arguments are the file's name and what it is
	// (ImportWhatBackup, ImportWhatExport or ImportWhatLinks).
	ImportEncrypted = New("%[1]s is %[2]s. It is encrypted.",
		"「%[1]s」は %[2]sです。暗号化されています。")
	ImportPassword   = New("Its password or passphrase", "このファイルのパスワードまたはパスフレーズ")
	ImportOpen       = New("Open", "開く")
	ImportDecrypting = New("Decrypting…", "復号しています…")
)

// The import panel: the review of the accounts found.
var (
	// ImportFound: the count, then the file's name and what it is.
	ImportFound = Plural("%[2]s is %[3]s: %[1]s account.", "%[2]s is %[3]s: %[1]s accounts.",
		"「%[2]s」は %[3]sです。アカウントは %[1]s 件です。")
	// ImportFoundKnown: as ImportFound, then how many of them the vault
	// already has.
	ImportFoundKnown = Plural("%[2]s is %[3]s: %[1]s account, %[4]s of them already in your vault (not ticked).",
		"%[2]s is %[3]s: %[1]s accounts, %[4]s of them already in your vault (not ticked).",
		"「%[2]s」は %[3]sです。アカウントは %[1]s 件で、うち %[4]s 件はすでに保管庫にあります（チェックを外しています）。")
	// ImportScanned: the count, then what was scanned, as the scanner
	// names it in the same language.
	ImportScanned = Plural("You scanned %[2]s: %[1]s account.", "You scanned %[2]s: %[1]s accounts.",
		"%[2]sを読み取りました。アカウントは %[1]s 件です。")
	ImportScannedKnown = Plural("You scanned %[2]s: %[1]s account, %[3]s of them already in your vault (not ticked).",
		"You scanned %[2]s: %[1]s accounts, %[3]s of them already in your vault (not ticked).",
		"%[2]sを読み取りました。アカウントは %[1]s 件で、うち %[3]s 件はすでに保管庫にあります（チェックを外しています）。")
	ImportInVault = New("already in your vault", "保管庫に登録済み")
	// ImportDetailTOTP and ImportDetailHOTP describe a key: its hash
	// algorithm, digits, and period in seconds or counter.
	ImportDetailTOTP = New("TOTP · %[1]s · %[2]d digits · %[3]d s", "TOTP · %[1]s · %[2]d 桁 · %[3]d 秒")
	ImportDetailHOTP = New("HOTP · %[1]s · %[2]d digits · counter %[3]d", "HOTP · %[1]s · %[2]d 桁 · カウンター %[3]d")
	ImportSkipped    = Plural("%[1]s entry could not be imported:", "%[1]s entries could not be imported:",
		"%[1]s 件の項目をインポートできませんでした：")
	// ImportSkipEntry: the entry's position from 1, its label and why
	// (one of the ImportWhy messages).
	ImportSkipEntry = New("entry %[1]d (%[2]s): %[3]s", "%[1]d 件目（%[2]s）：%[3]s")
	// ImportSkipPart: a part of an export that is no entry, and why.
	ImportSkipPart = New("%[1]s: %[2]s", "%[1]s：%[2]s")
	ImportConfirm  = New("Import the ticked accounts", "チェックしたアカウントをインポート")
	ImportNone     = New("Nothing ticked to import", "インポートするアカウントが選ばれていません")
	ImportWorking  = New("Importing…", "インポートしています…")
	ImportAdded    = Plural("%[1]s account added to your vault.", "%[1]s accounts added to your vault.",
		"%[1]s 件のアカウントを保管庫に追加しました。")
	ImportDone = New("Done", "完了")
)

// Why an entry was skipped. English shows the importer's own words, the
// argument; Japanese says what kind of problem it is, with them as detail.
var (
	ImportWhyUnsupported = New("%[1]s", "Twofold では読み込めない内容です（%[1]s）")
	ImportWhyDamaged     = New("%[1]s", "データが壊れています（%[1]s）")
	ImportWhySecret      = New("%[1]s", "シークレットキーが正しくありません（%[1]s）")
	ImportWhyLabel       = New("%[1]s", "サービス名またはアカウント名が正しくありません（%[1]s）")
	ImportWhyParams      = New("%[1]s", "コードの設定が正しくありません（%[1]s）")
	ImportWhyOther       = New("%[1]s", "読み込めませんでした（%[1]s）")
)

// The text export.
var (
	ExportTitle = New("Export as a text file", "テキストファイルとしてエクスポート")
	ExportIntro = New("For moving to another authenticator app: one otpauth:// link per account, which most apps import.",
		"別の認証アプリへ移るためのものです。アカウントごとに otpauth:// リンクを 1 つ書き出します。ほとんどのアプリがこれをインポートできます。")
	// ExportNotEncrypted is the warning's first sentence, in bold; the
	// English ends with a space before ExportWarning.
	ExportNotEncrypted = New("This file is not encrypted. ", "このファイルは暗号化されていません。")
	ExportWarning      = New("Anyone who reads it can make your codes, for every account in it. "+
		"Do not e-mail it or put it in a shared folder; delete it once the other app has imported it. "+
		"To keep a copy for yourself, make an encrypted backup instead.",
		"読んだ人は誰でも、含まれるすべてのアカウントのコードを作れます。"+
			"メールで送ったり共有フォルダに置いたりせず、別のアプリへのインポートが済んだら削除してください。"+
			"自分用に控えを残すには、代わりに暗号化されたバックアップを作成してください。")
	ExportAccounts = New("Accounts to export", "エクスポートするアカウント")
	// ExportNotPortable: the argument says why, in English from the core.
	ExportNotPortable = New(" (other apps may not read this one: %[1]s)", "（ほかのアプリでは読み込めない可能性があります：%[1]s）")
	ExportConsent     = New("I understand that this file lets anyone who has it sign in as me.",
		"このファイルがあれば誰でも私になりすましてログインできることを理解しました。")
	ExportTickFirst = New("Tick the box first: the file is not encrypted.",
		"先にチェックボックスにチェックを入れてください。このファイルは暗号化されていません。")
	ExportChooseOne = New("Choose at least one account.", "アカウントを 1 つ以上選んでください。")
	ExportNoSave    = New("This browser cannot save files from here.", "このブラウザでは、ここからファイルを保存できません。")
	// ExportSaved: the count and the file's name.
	ExportSaved = Plural("%[1]s account was saved to %[2]s. Import it into the other app, then delete the file (and empty the trash).",
		"%[1]s accounts were saved to %[2]s. Import it into the other app, then delete the file (and empty the trash).",
		"%[1]s 件のアカウントを %[2]s に保存しました。別のアプリにインポートしたら、このファイルを削除してください（ゴミ箱も空にしてください）。")
	ExportDownload = New("Download text file", "テキストファイルをダウンロード")
	ExportClose    = New("Close", "閉じる")
)

// The export as Google Authenticator QR codes.
var (
	ExportQRTitle = New("Export to another app", "別のアプリへエクスポート")
	ExportQRIntro = New("Shows QR codes in Google Authenticator's transfer format, which Google Authenticator, Aegis, 2FAS, "+
		"Ente Auth, Proton Authenticator and others import by scanning.",
		"Google Authenticator のエクスポート形式で QR コードを表示します。Google Authenticator、Aegis、2FAS、"+
			"Ente Auth、Proton Authenticator などのアプリで読み取ってインポートできます。")
	ExportQRWarning = New("Each code holds the secrets of its accounts. Show them only to the app you move to, "+
		"with nobody looking, and do not take screenshots.",
		"それぞれの QR コードには、そのアカウントのシークレットキーが含まれています。誰にも見られていない場所で、"+
			"移行先のアプリにだけ表示してください。スクリーンショットは撮らないでください。")
	// ExportQRCannotCarry: the argument says why (ExportQRWhy…).
	ExportQRCannotCarry = New(" (cannot be carried: %[1]s)", "（この形式では移せません：%[1]s）")
	// Why the format cannot carry an account; the argument is the
	// account's period or digits.
	ExportQRWhySteam   = New("Steam keys", "Steam のキー")
	ExportQRWhyPeriod  = New("a period of %[1]d s (the format has only 30 s)", "周期が %[1]d 秒")
	ExportQRWhyDigits  = New("%[1]d digits (the format has only 6 and 8)", "%[1]d 桁")
	ExportQRWhyCounter = New("a counter above 2^63-1", "2^63-1 を超えるカウンター")
	ExportQRShow       = New("Show QR codes", "QR コードを表示")
	ExportQRCancel     = New("Cancel", "キャンセル")
	ExportQRNone       = New("None of these accounts can be written as a Google Authenticator code.",
		"選んだアカウントはどれも Google Authenticator の QR コードとして書き出せません。")
	ExportQRLeftOut = New("Left out, because this format would carry them wrong (move them by text export or by hand):",
		"次のアカウントは、この形式では正しく移せないため含めていません（テキストファイルでエクスポートするか、手動で移してください）：")
	// ExportQRSkip: an account's label and why it was left out
	// (ExportQRWhy…).
	ExportQRSkip = New("%[1]s: %[2]s", "%[1]s（%[2]s）")
	// ExportQRCount and ExportQRAlt: the code's position from 1, and how
	// many codes there are.
	ExportQRCount = New("Code %[1]d of %[2]d. Scan each code with the other app.",
		"%[2]d 個中 %[1]d 個目の QR コードです。別のアプリでそれぞれ読み取ってください。")
	ExportQRAlt  = New("QR code %[1]d of %[2]d", "QR コード（%[2]d 個中 %[1]d 個目）")
	ExportQRPrev = New("Previous", "前へ")
	ExportQRNext = New("Next", "次へ")
	ExportQRDone = New("Done", "完了")
)
