package normalize_test

import (
	"path/filepath"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/testfs"
)

// TestDetectFixtures checks that Auto names the language of every article of
// testdata/languages and of the English seeds.
func TestDetectFixtures(t *testing.T) {
	want := map[string]string{
		"ar": "arabic", "de": "german", "es": "spanish", "hi": "hindi", "ja": "japanese",
		"ko": "korean", "ru": "russian", "th": "thai", "ur": "urdu", "zh": "chinese",
	}
	a := newAnalyzer(t, normalize.Auto)
	paths, _ := filepath.Glob("../../testdata/languages/*/*.txt")
	seeds, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(paths) != 40 || len(seeds) != 5 {
		t.Fatalf("%d fixtures and %d seeds; want 40 and 5", len(paths), len(seeds))
	}
	for _, p := range append(paths, seeds...) {
		b := testfs.ReadFile(t, p)
		lang, ok := want[filepath.Base(filepath.Dir(p))]
		if !ok {
			lang = "english"
		}
		if got := a.Analyze(string(b)).Lang; got != lang || a.Language() != lang {
			t.Errorf("%s: Lang %q, Language() %q; want %q", p, got, a.Language(), lang)
		}
	}
}

// TestDetectShort checks detection on a sentence or two per language, and that English stands
// where the evidence is thin.
func TestDetectShort(t *testing.T) {
	tests := []struct{ lang, text string }{
		{"french", "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, qui sera présentée au conseil des ministres avant la fin du mois."},
		{"italian", "Il governo ha approvato ieri sera il decreto sulle pensioni, che sarà discusso in parlamento nelle prossime settimane."},
		{"portuguese", "O governo anunciou nesta terça-feira um novo pacote de medidas para conter a inflação, que será votado pelo congresso."},
		{"dutch", "Het kabinet heeft dinsdag een nieuw pakket maatregelen aangekondigd om de inflatie te beteugelen, dat nog door de Kamer moet."},
		{"german", "Die Bundesregierung hat am Dienstag ein neues Paket beschlossen, mit dem die Inflation gebremst werden soll."},
		{"spanish", "El Gobierno aprobó este martes un nuevo paquete de medidas para frenar la inflación, que deberá votar el Congreso. " +
			"Según el ministro, las medidas entrarán en vigor antes del verano y costarán unos 3.000 millones de euros."},
		{"turkish", "Hükümet salı günü enflasyonu düşürmek için yeni bir paket açıkladı ve bu paketin meclise ne zaman geleceği belli değil. " +
			"Bakan, önlemlerin yaz aylarından önce yürürlüğe gireceğini ve bütçeye bir yükü olmayacağını söyledi."},
		{"polish", "Rząd przyjął we wtorek nowy pakiet działań, który ma zahamować inflację, ale nie wiadomo, kiedy trafi do Sejmu. " +
			"Jak powiedział minister, zmiany mają wejść w życie przed latem, a ich koszt nie jest jeszcze znany."},
		{"ukrainian", "Уряд у вівторок ухвалив новий пакет заходів, який має стримати інфляцію, але поки не відомо, коли його розгляне парламент. " +
			"Як заявив міністр, зміни мають набути чинності до літа, а їхня вартість ще не відома, бо вона залежить від того, що вирішить парламент."},
		// Read as Russian by the stop words, which the two languages share (see minUkrainian).
		{"ukrainian", "Київ, 12 березня. Уряд України ухвалив нову програму підтримки малого бізнесу, яка передбачає пільгові кредити для підприємців у прифронтових областях. " +
			"Як повідомив прем'єр-міністр на засіданні Кабінету Міністрів, на реалізацію програми буде спрямовано понад два мільярди гривень."},
		{"russian", "Киев, 12 марта. Правительство Украины, по словам премьер-министра, одобрило в Київ новую программу поддержки малого бизнеса, " +
			"которая предусматривает льготные кредиты для предпринимателей в прифронтовых областях."},
		{"persian", "دولت روز سه شنبه بسته جدیدی را برای مهار تورم تصویب کرد که باید به تصویب مجلس برسد و هنوز معلوم نیست کی."},
		{"greek", "Η κυβέρνηση ενέκρινε την Τρίτη ένα νέο πακέτο μέτρων για τον πληθωρισμό."},
		{"hebrew", "הממשלה אישרה ביום שלישי חבילה חדשה של צעדים לבלימת האינפלציה."},
		// News leads dense with names, whose commonest function words have one or two letters:
		// read as English until a text with accented letters needed stop words in a sixteenth
		// of its words only, not an eighth.
		{"french", "Incendie dans une usine chimique près de Rouen : 1 800 tonnes de produits parties en fumée ROUEN, 14 mars (Agence) — Un violent incendie a ravagé dans la nuit de mercredi à jeudi un entrepôt de l'usine chimique Normachem, à Petit-Quevilly, près de Rouen, détruisant environ 1 800 tonnes de lubrifiants et d'additifs, selon un bilan provisoire de la préfecture de Seine-Maritime. Aucune victime n'est à déplorer. Le feu s'est déclaré vers 2 h 40 dans un bâtiment de stockage situé au nord du site. Plus de 230 sapeurs-pompiers, venus de cinq départements, ont été mobilisés pour le circonscrire. Il a été maîtrisé en fin de matinée, mais les opérations de refroidissement devaient se poursuivre pendant au moins deux jours."},
		{"turkish", "İzmir'de orman yangını: 3 mahalle boşaltıldı, 1.200 hektar alan zarar gördü İZMİR, 29 Temmuz (Ajans) — İzmir'in Menderes ilçesinde dün öğleden sonra başlayan orman yangını, kuvvetli rüzgarın etkisiyle geniş bir alana yayıldı. Orman Genel Müdürlüğü'nün açıklamasına göre alevler yaklaşık 1.200 hektarlık ormanlık ve tarım alanını etkiledi. Yangın nedeniyle üç mahalle tedbir amaçlı olarak boşaltıldı. Yangın saat 14.30 sıralarında Gölcükler Mahallesi yakınlarındaki kızılçam ormanında çıktı. Saatte 60 kilometreyi bulan poyraz nedeniyle alevler kısa sürede yerleşim yerlerine yaklaştı. Bölgede bulunan yaklaşık 2.500 kişi, jandarma ve AFAD ekipleri tarafından güvenli alanlara tahliye edildi."},
		{"english", "Ankara, Istanbul, Izmir, Bursa and Antalya: 2024 figures."},
		{"english", "Obama met Merkel, Macron and Erdogan in Berlin on Tuesday and said the talks would go on."},
	}
	a := newAnalyzer(t, normalize.Auto)
	for _, tt := range tests {
		if got := a.Analyze(tt.text).Lang; got != tt.lang {
			t.Errorf("Lang of %.40q = %q; want %q", tt.text, got, tt.lang)
		}
	}
}

// TestLanguageStops checks one stop word of languages added with the stopwords-iso lists; their
// stems are among TestTerm's.
func TestLanguageStops(t *testing.T) {
	stops := []struct{ lang, text string }{
		{"german", "und"}, {"italian", "della"}, {"dutch", "het"}, {"urdu", "کے"},
		{"hindi", "में"}, {"arabic", "في"}, {"polish", "się"}, {"korean", "그리고"},
		{"czech", "který"}, {"indonesian", "yang"},
	}
	for _, tt := range stops {
		doc := newAnalyzer(t, tt.lang).Analyze(tt.text)
		if len(doc.Tokens) != 1 || !doc.Tokens[0].Stop {
			t.Errorf("%s: %q is not one stop word: %+v", tt.lang, tt.text, doc.Tokens)
		}
	}
}
