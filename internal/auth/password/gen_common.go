//go:build ignore

// gen_common writes common-passwords.txt: common passwords of 12 to 128 characters, generated
// offline by the project (not copied from a breach corpus) from the patterns that dominate
// published analyses of leaked passwords once shorter ones are removed. Run: go generate.
package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode/utf8"
)

// words are frequent password words: English, other EU languages, football clubs, pets, names,
// places, and words specific to this service.
var words = strings.Fields(`
password passwort motdepasse wachtwoord contrasena contraseña senha haslo heslo salasana
losenord lösenord jelszo parola parolachiave geslo
iloveyou princess sunshine football baseball basketball welcome monkey dragon master letmein
shadow superman batman spiderman trustno1 michael jennifer jordan hunter ranger buster soccer
hockey killer george charlie andrew michelle jessica pepper daniel access thomas summer winter
spring autumn computer internet secret freedom whatever starwars pokemon liverpool chelsea
arsenal barcelona juventus bayern realmadrid manchester benfica sporting ajax feyenoord
marseille olympique galatasaray celtic rangers tottenham everton napoli milan inter roma
lazio porto valencia sevilla dortmund schalke hamburg werder legia
qwerty azerty qwertz asdfgh zxcvbn abcdef abc123 admin administrator root user guest login
changeme default test tester testing hello hallo bonjour ciao hola salut servus ahoj hej
love lover loveme iloveu babygirl baby angel angels beautiful butterfly flower flowers
rainbow unicorn chocolate cookie cookies cheese banana orange apple strawberry blueberry
pizza coffee whiskey vodka beer
tigger tiger lion eagle falcon phoenix wolf panther jaguar ferrari porsche mercedes bmw audi
volkswagen toyota honda yamaha harley corvette mustang camaro
family forever friends friend darling sweetheart honey kitten kitty puppy doggie snoopy garfield
mickey minnie bubbles buddy maggie bailey lucky molly daisy sophie chloe charlotte
matrix mercury jupiter saturn galaxy universe cosmos
london paris berlin madrid rome roma lisboa lisbon amsterdam brussels bruxelles brussel vienna
wien prague praha warsaw warszawa budapest athens dublin stockholm helsinki copenhagen oslo
europe european europa germany deutschland france italia italy espana spain polska poland
portugal nederland holland belgique belgie belgium sverige suomi danmark ireland austria
schatz schatzi geheim fussball fußball sommer hase mausi hallo123 liebe ichliebedich
soleil doudou chouchou loulou nicolas marine camille amour jetaime tequiero teamo
cariño amore tesoro ciaociao kochanie misiek zaq1 polska1 benfica1 saudade
welkom geheim123 voetbal
alexander alexandra christopher christian christina elizabeth jonathan nicholas sebastian
stephanie victoria benjamin catherine samantha jacqueline gabriel isabella olivia emily
william matthew joshua anthony maximilian francesco giuseppe alessandro antonio francisco
fernando carlos manuel sandra monika agnieszka katarzyna magdalena stefan andreas markus
johannes pierre jean philippe isabelle nathalie sophie laurent frederic
cyber cybersecurity security certification certified consult consultation enisa eucc eucs
scheme schemes compliance firewall hacker hacking network server database developer
mypassword newpassword oldpassword secretpassword supersecret topsecret password1 passw0rd
p@ssw0rd p@ssword pa$$word p4ssw0rd welcome1 w3lc0me adm1n l3tm31n qwerty1 qwerty12
letmein1 iloveyou1 princess1 monkey1 dragon1 master1 sunshine1 football1
`)

// phrases are common multi-word passwords.
var phrases = strings.Fields(`
iloveyoubaby iloveyousomuch iloveyouforever iloveyoumore iloveyoutoo iloveyouall
ilovemyfamily ilovemymom ilovemymum ilovemydad ilovemywife ilovemyhusband ilovemykids
ilovemydog ilovemycat ilovemyself ilovemusic ilovefootball ilovejesus ilovegod iloveyoumom
ihateyou ihatemylife ihateyouall letmeinplease letmeinnow pleaseletmein opensesame
trustnoone trustnobody nobodyknows noonecares whatever123 whateverwhatever
thequickbrownfox thequickbrownfoxjumpsoverthelazydog correcthorsebatterystaple
iamthebest iamtheone iamthegreatest iamawesome imthebest youarethebest youandme
myspace1234 facebook1234 facebook2024 instagram123 instagram2024 myfacebook1 linkedin2024
changemenow changemeplease changeme1234 pleasechangeme temporary123 temppassword temp12345678
welcometo2024 welcomehome1 welcomeback1 welcome2thejungle helloworld1 helloworld123
hellohello12 hellokitty12 hellokitty123 goodmorning1 goodbye12345 happybirthday happydays123
starwars1234 maytheforce maytheforcebewithyou harrypotter1 harrypotter123 hogwarts1234
lordoftherings gameofthrones winteriscoming breakingbad1 doctorwho1234 startrek1234
manchesterunited manchesterutd manunited1234 liverpoolfc1 liverpoolfc123 chelseafc1234
arsenalfc1234 realmadrid123 barcelona123 forzajuve1897 forzamilan1899 forzainter1908
allezlesbleus allezparis1 allezlom1899 hahohe1904 schalke041904 borussia09 bvb09dortmund
fcbayern1900 fcbarcelona1 juventus1897 ajax1900amsterdam slbenfica1904 fcporto1893
jesuschrist1 jesusislord jesussaves1 jesusloveme godisgood123 godisgreat1 godblessyou
blessed12345 thankyoulord amazinggrace
motdepasse123 motdepasse1234 monmotdepasse jetaimebeaucoup jetaimemoncoeur mamanjetaime
ichliebedich1 meinpasswort passwort12345 hallowelt123 geheimespasswort
contraseña123 contrasena123 miclave12345 teamomucho12 teamomimamor
wachtwoord123 welkom123456 ikhouvanjou1
passwordpassword password12345 password123456 password1234567 password12345678
password123456789 password1234567890 passwordpassword1 thisismypassword
thisisapassword mysecretpassword mynewpassword1 mypassword123 yourpassword
secretpassword1 supersecret123 supersecretpassword topsecret1234 topsecretpassword
administrator1 administrator123 adminadmin123 adminpassword rootpassword rootroot1234
useruser1234 guestguest12 testtest1234 testing12345 test12345678 test123456789
qwerty123456 qwerty1234567 qwerty12345678 qwerty123456789 qwertyqwerty1
asdfasdfasdf asdfghjkl123 asdfghjkl1234 zxcvbnm12345 zxcvbnm123456 qazwsx123456
abc123456789 abcd12345678 abcdef123456 abc123abc123 a1b2c3d4e5f6 a1b2c3d4e5f6g7
aa123456789 aaaaaa123456 aaa123456789 1234567890ab 1234567890abc 1234qwerasdf
1234qwerasdfzxcv 123qweasdzxc 123qweasd123 qweasdzxc123 qweasdzxc1234 1qazxsw23edc
cybersecurity cybersecurity1 cybersecurity123 cybersecurityact cybersecuritymonth
certification certification1 certification123 consultconsult consultation1
consultation123 publicconsultation haveyoursay2024 europeanunion europeancommission
europeanunion1 securitybydesign securityfirst zerotrust1234 informationsecurity
infosec12345 securepassword securepassword1 strongpassword strongpassword1
verysecurepassword verystrongpassword unbreakable1 unhackable123 hackerman123
`)

func main() {
	set := map[string]bool{}
	add := func(s string) {
		s = strings.ToLower(s)
		if n := utf8.RuneCountInString(s); n >= 12 && n <= 128 && !strings.HasPrefix(s, "#") {
			set[s] = true
		}
	}

	// Digit runs, ascending and descending, and repeated short units.
	asc, desc := strings.Repeat("1234567890", 3), strings.Repeat("9876543210", 3)
	for n := 12; n <= 20; n++ {
		add(asc[:n])
		add(desc[:n])
		add("0" + asc[:n-1])
	}
	for _, unit := range strings.Fields(`1 0 2 5 7 8 9 12 21 11 13 69 00 01 10 99 123 321 111 777 1234
		4321 12345 54321 123456 654321 abc abcd qwe asd zxc qwer asdf zxcv qaz wsx ab xo love pass
		lol haha hehe hola 123abc abc123 1q2w q1w2 a1b2 1a2b xyz`) {
		for s := unit; utf8.RuneCountInString(s) <= 24; s += unit {
			add(s)
		}
	}
	for _, s := range strings.Fields(`112233445566 11223344556677 111222333444 123123123123
		123321123321 123454321123 147258369147 147258369012 159753159753 159357159357
		741852963741 789456123789 963852741963 012345678910 1234567891011 12345678910111213
		100200300400 102030405060 1020304050607080 135791357913 246802468024 101010101010
		010203040506 1029384756 10293847561029 11111111112222 99999999991111`) {
		add(s)
	}

	// Keyboard walks (QWERTY, AZERTY, QWERTZ): every prefix of 12+ characters.
	for _, walk := range strings.Fields(`1234567890-= qwertyuiop[]\asdfghjkl;'zxcvbnm,./
		qwertyuiopasdfghjklzxcvbnm asdfghjklqwertyuiop zxcvbnmasdfghjklqwertyuiop
		azertyuiopqsdfghjklmwxcvbn qwertzuiopasdfghjklyxcvbnm qwertzuiopüasdfghjklöä
		1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p zaq12wsxcde34rfvbgt56yhnmju78ik,.lo90p
		qazwsxedcrfvtgbyhnujmikolp 1q2w3e4r5t6y7u8i9o0p q1w2e3r4t5y6u7i8o9p0
		!qaz@wsx#edc$rfv%tgb 1qazxsw23edcvfr45tgbnhy6 qweasdzxcrtyfghvbn
		qwertasdfgzxcvb poiuytrewqlkjhgfdsamnbvcxz mnbvcxzlkjhgfdsapoiuytrewq
		0987654321poiuytrewq 1234567890qwertyuiop 1234567890azertyuiop
		abcdefghijklmnopqrstuvwxyz zyxwvutsrqponmlkjihgfedcba abcdefghijklmnopqrstuvwxyz1234567890
		a1b2c3d4e5f6g7h8i9j0 1a2b3c4d5e6f7g8h9i0j aabbccddeeffgghh`) {
		r := []rune(walk)
		for n := 12; n <= len(r); n++ {
			add(string(r[:n]))
		}
	}

	// Frequent words with the suffixes people add to reach a length rule.
	suffixes := strings.Fields(`1 12 123 1234 12345 123456 1234567 12345678 123456789
		1234567890 ! !! !!! 1! 12! 123! 1234! @123 #1 _123 01 11 13 22 69 77 88 99 007 00 000
		111 666 777 999 321 54321 654321 2000 1q2w3e qwerty abc abc123`)
	for y := 1975; y <= 2027; y++ {
		suffixes = append(suffixes, fmt.Sprint(y))
		if y >= 2015 {
			suffixes = append(suffixes, fmt.Sprint(y)+"!")
		}
	}
	for _, w := range words {
		add(w)
		add(w + w)
		if !strings.ContainsAny(w, "0123456789@$!") {
			add("my" + w + "123")
			add("ilove" + w)
		}
		for _, s := range suffixes {
			// "letmein1" + "2015" is not a pattern people use; words ending in a digit get
			// only the short suffixes.
			if endsInDigit(w) && len(s) > 3 {
				continue
			}
			add(w + s)
		}
	}
	for _, p := range phrases {
		add(p)
		if !endsInDigit(p) {
			for _, s := range []string{"1", "!", "123", "1234", "2024", "2025", "2026"} {
				add(p + s)
			}
		}
	}

	// Seasons and months with recent years, in several languages.
	for _, w := range strings.Fields(`summer winter spring autumn summertime wintertime
		sommer herbst frühling fruehling printemps automne verano invierno primavera estate
		inverno autunno january february march april june july august september october
		november december januar februar oktober dezember janvier février fevrier juillet
		septembre octobre novembre décembre decembre febrero septiembre octubre noviembre
		diciembre settembre ottobre dicembre`) {
		for y := 2015; y <= 2027; y++ {
			for _, f := range []string{"%s%d", "%s%d!", "%s%d!!", "%s@%d"} {
				add(fmt.Sprintf(f, w, y))
			}
		}
	}

	list := make([]string, 0, len(set))
	for s := range set {
		list = append(list, s)
	}
	slices.Sort(list)

	var b strings.Builder
	b.WriteString("# Common passwords of 12 to 128 characters, lower case, one per line.\n")
	b.WriteString("# Generated by the project with gen_common.go (go generate); not a breach corpus.\n")
	for _, s := range list {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	if err := os.WriteFile("common-passwords.txt", []byte(b.String()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(len(list), "passwords")
}

func endsInDigit(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}
