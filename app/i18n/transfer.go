package i18n

// Moving accounts to another device: choosing the accounts and where the
// codes will be read.
var (
	TransferSendTitle = Message{"Move to another device", "別の端末へ移行"}
	TransferSendIntro = Message{"Shows transfer QR codes for Twofold on the other device or browser: open Twofold there and choose " +
		"“Move accounts from another device”. The codes are encrypted; a verification code shown here, never in a QR code, unlocks them.",
		"もう一方の端末またはブラウザの Twofold で読み取る移行用 QR コードを表示します。そちらで Twofold を開き、" +
			"「別の端末からアカウントを移行」を選んでください。QR コードは暗号化されています。解除に使う認証コードはこの画面にだけ表示され、QR コードには含まれません。"}
	// TransferAccounts: the argument is the number of accounts chosen.
	TransferAccounts      = Message{"Accounts to move (%[1]s chosen)", "移行するアカウント（%[1]s 件を選択）"}
	TransferSearch        = Message{"Search", "検索"}
	TransferSearchLabel   = Message{"Search accounts to move", "移行するアカウントを検索"}
	TransferGroup         = Message{"Group", "グループ"}
	TransferAllGroups     = Message{"All groups", "すべてのグループ"}
	TransferChooseShown   = Message{"Choose shown", "表示中を選択"}
	TransferLeaveShown    = Message{"Leave out shown", "表示中を除外"}
	TransferWhere         = Message{"Where the codes will be read", "QR コードの読み取り方"}
	TransferForScreen     = Message{"Another browser on this screen", "この画面の別のブラウザ"}
	TransferForScreenHint = Message{"The other browser shares this window and reads the codes from it.",
		"もう一方のブラウザがこのウィンドウを共有して、QR コードを読み取ります。"}
	TransferForCamera     = Message{"Another device's camera", "別の端末のカメラ"}
	TransferForCameraHint = Message{"A phone or a laptop points its camera at this screen.",
		"スマートフォンやノートパソコンのカメラをこの画面に向けます。"}
	TransferForOld     = Message{"An older or blurry camera", "古いカメラ、ピントが合いにくいカメラ"}
	TransferForOldHint = Message{"Smaller codes, more of them.", "QR コードを小さくして、その分数を増やします。"}
	TransferShow       = Message{"Show transfer codes", "移行用 QR コードを表示"}
	TransferEncrypting = Message{"Encrypting…", "暗号化しています…"}
	TransferCancel     = Message{"Cancel", "キャンセル"}
	TransferNoAccount  = Message{"Choose at least one account.", "アカウントを 1 件以上選んでください。"}
)

// The transfer codes shown, step by step or playing by themselves.
var (
	// TransferStep: the code shown and the number of codes.
	TransferStep    = Message{"Code %[1]d of %[2]d.", "%[2]d 個中 %[1]d 個目のコードです。"}
	TransferPaused  = Message{"Paused while this page is hidden.", "このページが表示されていない間は一時停止しています。"}
	TransferPlaying = Count{"Playing %[1]s code in a loop, new ones each time. Let the other side scan until it has them all.",
		"Playing %[1]s codes in a loop, new ones each time. Let the other side scan until it has them all.",
		"%[1]s 個分の QR コードを、毎回異なるコードにして繰り返し表示しています。もう一方がすべて読み取るまで、そのままお待ちください。"}
	// TransferImageStep: the code shown and the number of codes.
	TransferImageStep = Message{"Transfer QR code %[1]d of %[2]d", "移行用 QR コード（%[2]d 個中 %[1]d 個目）"}
	// TransferImagePlaying: the number of codes shown a second.
	TransferImagePlaying = Message{"Transfer QR codes, changing %[1]d times a second", "移行用 QR コード（1 秒に %[1]d 回切り替わります）"}
	// TransferRate: a number of codes shown a second.
	TransferRate      = Message{"%[1]d a second", "毎秒 %[1]d 個"}
	TransferRateLabel = Message{"Codes a second", "1 秒あたりのコード数"}
	// TransferCodeIs comes before the verification code.
	TransferCodeIs    = Message{"Verification code: ", "認証コード："}
	TransferCodeLater = Message{"The verification code shows under the last code.", "認証コードは最後の QR コードの下に表示されます。"}
	TransferBack      = Message{"Back", "戻る"}
	TransferNext      = Message{"Next", "次へ"}
	TransferPlay      = Message{"Play automatically", "自動で再生"}
	TransferStepwise  = Message{"Step by step", "1 つずつ表示"}
	TransferDone      = Message{"Done", "完了"}
)

// Receiving accounts from another device.
var (
	TransferReceiveTitle = Message{"Move accounts from another device", "別の端末から移行"}
	TransferReceiveIntro = Message{"On the other device, open Twofold and choose “Move to another device”. " +
		"Then read its codes here: with the camera, by sharing its window if it is on this screen, or from pictures of the codes.",
		"もう一方の端末で Twofold を開き、「別の端末へ移行」を選んでください。表示された移行用 QR コードをここで読み取ります。" +
			"カメラで読み取るか、同じ画面にある場合はそのウィンドウを共有するか、QR コードの画像を使ってください。"}
	TransferNoneYet = Message{"No transfer code read yet.", "まだ移行用 QR コードを読み取っていません。"}
	// TransferCodeRead: the number of the code just read, from 1, and
	// how many are in.
	TransferCodeRead = Message{"Code %[1]d read. %[2]s", "%[1]d 番目のコードを読み取りました。%[2]s"}
	// TransferHave: the number of codes, then how many are in.
	TransferHave = Count{"%[2]s of %[1]s code in.", "%[2]s of %[1]s codes in.", "%[1]s 個中 %[2]s 個を読み取りました。"}
	// TransferHaveMissing: the number of codes, how many are in, and the
	// list of the missing ones.
	TransferHaveMissing = Count{"%[2]s of %[1]s code in; missing %[3]s.", "%[2]s of %[1]s codes in; missing %[3]s.",
		"%[1]s 個中 %[2]s 個を読み取りました。読み取っていないコード：%[3]s。"}
	// TransferMissingMore ends a list of missing codes cut short: the list,
	// and the number of codes left out of it.
	TransferMissingMore = Message{"%[1]s and %[2]s more", "%[1]s ほか %[2]s 個"}
	TransferListSep     = Message{", ", "、"}
	// TransferAllIn: the number of codes.
	TransferAllIn = Count{"All %[1]s code is in.", "All %[1]s codes are in.", "すべてのコード（%[1]s 個）を読み取りました。"}

	TransferSingleAccount = Message{"This QR code is a single account, not a transfer code. Add it with Add account; here, scan the codes that the other Twofold shows.",
		"この QR コードは 1 件のアカウントで、移行用 QR コードではありません。「アカウントを追加」から追加してください。ここでは、もう一方の Twofold に表示されている QR コードを読み取ってください。"}
	TransferNotExport = Message{"This is a Google Authenticator export code, not a Twofold transfer code. Import it with Add account.",
		"これは Google Authenticator のエクスポート用 QR コードで、Twofold の移行用 QR コードではありません。「アカウントを追加」からインポートしてください。"}

	TransferCodeLabel = Message{"Verification code", "認証コード"}
	TransferCodeHint  = Message{"It is shown under the last transfer code on the other device, never inside a code.",
		"もう一方の端末で、最後の移行用 QR コードの下に表示されています。QR コードの中には含まれません。"}
	TransferContinue = Message{"Continue", "続ける"}
	TransferChecking = Message{"Checking…", "確認しています…"}
	TransferRestart  = Message{"Start again", "もう一度始める"}
)

// The verification code typed on the receiving side.
var (
	TransferWrongCode = Message{"Wrong verification code. Check the code under the last transfer code on the other device and type it again.",
		"認証コードが違います。もう一方の端末で最後の移行用 QR コードの下に表示されているコードを確認して、もう一度入力してください。"}
	TransferTypeCode = Message{"Type the verification code shown under the last transfer code on the other device.",
		"もう一方の端末で最後の移行用 QR コードの下に表示されている認証コードを入力してください。"}
	// TransferTypoChar: a character that a code never holds.
	TransferTypoChar = Message{"This is not the verification code as shown: a code never holds “%[1]s”. Check it and type it again.",
		"認証コードに「%[1]s」は使われません。確認して、もう一度入力してください。"}
	// TransferTypoDash: a dash that is not an ASCII one, typed between
	// groups (a full-width dash, or ー from a Japanese keyboard).
	TransferTypoDash = Message{"This is not the verification code as shown: a code never holds “%[1]s”. Separate its groups with ordinary spaces or dashes, or not at all.",
		"認証コードの区切りに「%[1]s」は使えません。半角のスペースかハイフンで区切るか、区切らずに入力してください。"}
	// TransferTypoSpace: a space that is not an ordinary one (a
	// full-width space from a Japanese keyboard).
	TransferTypoSpace = Message{"This is not the verification code as shown: a code never holds a full-width or other special space. Separate its groups with ordinary spaces or dashes, or not at all.",
		"認証コードの区切りに全角スペースなどは使えません。半角のスペースかハイフンで区切るか、区切らずに入力してください。"}
	// TransferTypoLength: the number of characters typed.
	TransferTypoLength = Count{"This is not the verification code as shown: it has %[1]s character, not 12. Check it and type it again.",
		"This is not the verification code as shown: it has %[1]s characters, not 12. Check it and type it again.",
		"認証コードは 12 文字ですが、入力されたのは %[1]s 文字です。確認して、もう一度入力してください。"}
	TransferTypoCheck = Message{"This is not the verification code as shown: a character is wrong, or two are swapped. Check it and type it again.",
		"表示された認証コードと違います。1 文字が違うか、2 文字が入れ替わっています。確認して、もう一度入力してください。"}
	// TransferTypo words another typo: the argument is its English
	// description.
	TransferTypo = Message{"This is not the verification code as shown: %[1]s. Check it and type it again.",
		"表示された認証コードと違います（%[1]s）。確認して、もう一度入力してください。"}
)
