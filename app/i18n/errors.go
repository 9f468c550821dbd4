package i18n

// Errors that any screen may show.
var (
	ErrWrongPassword = Message{"Wrong password. Try again.",
		"パスワードが違います。もう一度入力してください。"}
	ErrNewerVault = Message{"This vault was written by a newer version of Twofold. Update the app to open it.",
		"この保管庫は新しいバージョンの Twofold で保存されています。開くにはアプリを更新してください。"}
	ErrDamagedVault = Message{"The stored vault is damaged and cannot be opened. Restore a backup.",
		"保存されている保管庫が壊れているため開けません。バックアップから復元してください。"}
	ErrVaultExists = Message{"A vault already exists in this browser (perhaps created in another tab). Unlock it.",
		"このブラウザにはすでに保管庫があります（別のタブで作成された可能性があります）。ロックを解除してください。"}
	ErrNoVault = Message{"There is no vault in this browser yet.",
		"このブラウザにはまだ保管庫がありません。"}
	ErrConflict = Message{"Another tab kept changing the vault; your change was not saved. Try again.",
		"別のタブが保管庫を変更し続けたため、変更は保存されませんでした。もう一度お試しください。"}
	ErrQuota = Message{"The browser's storage is full; nothing was changed. Free some space and try again.",
		"ブラウザの保存容量がいっぱいのため、何も変更されていません。空き容量を増やしてから、もう一度お試しください。"}
	// ErrKeyWorker words a key derivation that could not run (the Web
	// Worker did not load, stopped or did not answer); the argument is the
	// technical detail.
	ErrKeyWorker = Message{"The password could not be processed: the part of Twofold that derives the vault's key did not load or stopped (%[1]s). Nothing was changed. Try again, or reload the page.",
		"パスワードを処理できませんでした。保管庫の鍵を導出する Twofold の部分が読み込めなかったか、停止しました（%[1]s）。何も変更されていません。もう一度お試しいただくか、ページを再読み込みしてください。"}
	// ErrOther words an error that has no words of its own: its English
	// text, capitalised, is the argument.
	ErrOther = Message{"%[1]s.",
		"エラーが発生しました（%[1]s）。"}
	// Never is an idle lock that is turned off.
	Never = Message{"never", "しない"}
)

// A scanned QR code that cannot be used.
var (
	ScanNoAccount = Message{"This QR code holds no authenticator account: “%[1]s”.",
		"この QR コードには認証アカウントが含まれていません：「%[1]s」"}
	ScanOtherExport = Message{"This code belongs to another Google Authenticator export than the codes scanned so far. Scan the codes of one export, or press Start again.",
		"この QR コードは、これまでに読み取ったものとは別の Google Authenticator のエクスポートです。1 つのエクスポートの QR コードだけを読み取るか、「もう一度始める」を押してください。"}
	ScanOtherTransfer = Message{"This code belongs to another Twofold transfer than the codes scanned so far. Scan the codes of one transfer, or press Start again.",
		"この QR コードは、これまでに読み取ったものとは別の Twofold の移行です。1 つの移行の QR コードだけを読み取るか、「もう一度始める」を押してください。"}
	ScanTransferAmidExport = Message{"This is a Twofold transfer code, but part of a Google Authenticator export was scanned. Finish the export first, or press Start again.",
		"これは Twofold の移行用 QR コードですが、Google Authenticator のエクスポートを読み取っている途中です。先にエクスポートを読み取り終えるか、「もう一度始める」を押してください。"}
	ScanExportAmidTransfer = Message{"This is a Google Authenticator export code, but part of a Twofold transfer was scanned. Finish the transfer first, or press Start again.",
		"これは Google Authenticator のエクスポート用 QR コードですが、Twofold の移行を読み取っている途中です。先に移行を読み取り終えるか、「もう一度始める」を押してください。"}
	ScanTransferParams = Message{"This transfer asks for an unreasonable amount of work to unlock, so it was refused.",
		"この移行は解除に不当に大きな計算量を求めるため、受け付けませんでした。"}
	ScanNewerTransfer = Message{"This transfer comes from a newer version of Twofold. Update the app on this device, then scan again.",
		"この移行は新しいバージョンの Twofold から送られています。この端末のアプリを更新してから、もう一度読み取ってください。"}
	ScanBadAccount = Message{"This QR code is an account link, but it is malformed: %[1]s.",
		"この QR コードはアカウントのリンクですが、形式が正しくありません（%[1]s）。"}
	ScanBadExport = Message{"This Google Authenticator export code could not be read: %[1]s.",
		"この Google Authenticator のエクスポート用 QR コードを読み取れませんでした（%[1]s）。"}
	ScanBadTransfer = Message{"This Twofold transfer code could not be read: %[1]s. Hold the camera steady and scan it again.",
		"この Twofold の移行用 QR コードを読み取れませんでした（%[1]s）。カメラを動かさずに、もう一度読み取ってください。"}
)

// A camera or screen capture that cannot start.
var (
	CaptureScreenDenied = Message{"Screen sharing was not allowed. Try again and choose the window that shows the QR code.",
		"画面の共有が許可されませんでした。もう一度試して、QR コードが表示されているウィンドウを選んでください。"}
	CaptureCameraDenied = Message{"The camera was not allowed. Allow it in the browser's site settings, or use an image instead.",
		"カメラの使用が許可されませんでした。ブラウザのサイト設定で許可するか、代わりに画像を使ってください。"}
	CaptureNoScreen = Message{"This browser cannot share the screen here.",
		"このブラウザでは、ここで画面を共有できません。"}
	CaptureNoCamera = Message{"No camera was found.",
		"カメラが見つかりません。"}
	CaptureCameraFailed = Message{"The camera could not start: %[1]s.",
		"カメラを起動できませんでした（%[1]s）。"}
	CaptureScreenFailed = Message{"The screen capture could not start: %[1]s.",
		"画面のキャプチャを開始できませんでした（%[1]s）。"}
)

// The QR code reader, which runs beside the page, that cannot read.
var (
	// DecoderMissing: its files could not be loaded, most likely because
	// the page is offline and they were never cached, or the app was
	// updated meanwhile. The argument is the browser's reason.
	DecoderMissing = Message{"The QR code reader could not be loaded: %[1]s. Reload the page while online, then try again.",
		"QR コードの読み取り機能を読み込めませんでした（%[1]s）。オンラインの状態でページを再読み込みしてから、もう一度お試しください。"}
	// DecoderFailed: it was loaded but stopped or did not answer.
	DecoderFailed = Message{"The QR code reader stopped working: %[1]s. Try again.",
		"QR コードの読み取り機能が停止しました（%[1]s）。もう一度お試しください。"}
)

// An image that gives no QR code.
var (
	ImageNoCode = Message{"No QR code was found in this image. Try a sharper or larger picture of the code.",
		"この画像には QR コードが見つかりませんでした。より鮮明な、または大きな画像でお試しください。"}
	ImageNoCodeNamed = Message{"No QR code was found in “%[1]s”. Try a sharper or larger picture of the code.",
		"「%[1]s」には QR コードが見つかりませんでした。より鮮明な、または大きな画像でお試しください。"}
	ImageUnreadable = Message{"This image could not be read: %[1]s.",
		"この画像を読み込めませんでした（%[1]s）。"}
	ImageUnreadableNamed = Message{"“%[1]s” could not be read: %[2]s.",
		"「%[1]s」を読み込めませんでした（%[2]s）。"}
)
