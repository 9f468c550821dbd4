package i18n

// The scanner: the camera, the screen capture and images of QR codes.
var (
	ScanCamera    = Message{"Scan with the camera", "カメラで読み取る"}
	ScanScreen    = Message{"Scan a code on the screen", "画面上のコードを読み取る"}
	ScanOpenImage = Message{"Open an image", "画像を開く"}
	ScanDropHint  = Message{"You can also drop or paste images of QR codes here.",
		"QR コードの画像をここにドロップまたは貼り付けることもできます。"}
	ScanCameraView = Message{"Camera view", "カメラの映像"}
	// ScanCameraPicker labels the list of cameras.
	ScanCameraPicker = Message{"Camera", "カメラ"}
	// ScanCameraN names a camera that the browser gives no name: the
	// argument is its number, from 1.
	ScanCameraN = Message{"Camera %[1]d", "カメラ %[1]d"}
	ScanTorch   = Message{"Torch", "ライト"}
	ScanStop    = Message{"Stop", "停止"}
	// ScanReset forgets the codes of a multi-code export read so far; the
	// scan problems of errors.go name this button.
	ScanReset = Message{"Start again", "もう一度始める"}

	ScanNoCapture = Message{"This browser gives no access to a camera or to the screen here.",
		"このブラウザでは、ここでカメラや画面を利用できません。"}
	ScanStarting      = Message{"Starting…", "起動しています…"}
	ScanAim           = Message{"Hold the QR code inside the frame.", "QR コードを枠の中に収めてください。"}
	ScanLooking       = Message{"Looking for a QR code in the shared window or screen…", "共有したウィンドウまたは画面から QR コードを探しています…"}
	ScanCameraStopped = Message{"The camera has stopped.", "カメラが停止しました。"}
	ScanScreenEnded   = Message{"Screen sharing has ended.", "画面の共有が終了しました。"}
	ScanReadingImage  = Message{"Reading the image…", "画像を読み込んでいます…"}
	ScanReadingImages = Count{"Reading %[1]s image…", "Reading %[1]s images…", "%[1]s 枚の画像を読み込んでいます…"}
)

// The scanner of the add-account panel: what the codes read so far give.
var (
	// ScanExportProgress: the code just read, the codes read, the codes of
	// the export, and the list of the missing ones, all counted from 1.
	ScanExportProgress = Message{"Google Authenticator export: code %[1]d read; %[2]d of %[3]d scanned, missing %[4]s.",
		"Google Authenticator のエクスポート：%[1]d 番目のコードを読み取りました（%[3]d 個中 %[2]d 個）。読み取っていないコード：%[4]s。"}
	// ScanListSep separates the numbers of a list of codes.
	ScanListSep = Message{", ", "、"}
	// ScanExportSource names what was scanned, for the review of its
	// accounts: the argument is the number of codes.
	ScanExportSource = Count{"a Google Authenticator export (%[1]s code)", "a Google Authenticator export (%[1]s codes)",
		"Google Authenticator のエクスポート（QR コード %[1]s 個）"}
	ScanTransferHere = Message{"This is a Twofold transfer code: receive it with Move accounts from another device, in Settings.",
		"これは Twofold の移行用 QR コードです。設定の「別の端末からアカウントを移行」で受け取ってください。"}
)
