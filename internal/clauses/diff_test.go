package clauses

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// row is a Change without its pointers and diffs, for compact tables.
type row struct {
	Kind           Kind
	Old, New       string // numbers
	OldH, NewH     string // headings
	By             MatchedBy
	HeadingChanged bool
	BodyChanged    bool
}

func rows(changes []Change) []row {
	out := make([]row, len(changes))
	for i, c := range changes {
		out[i] = row{c.Kind, c.OldNumber, c.NewNumber, c.OldHeading, c.NewHeading, c.MatchedBy, c.HeadingDiff != nil, c.BodyDiff != nil}
	}
	return out
}

// TestDiffSamples checks every clause of the v0.3 → v0.4 diff of the sample drafts. Between
// the two, 2.2 "Services out of scope" was deleted, so 2.3 "Assurance levels" became 2.2 with the
// same text; the notification deadline in 3.4.1 went from 24 to 12 hours with a sentence added;
// 3.6 "Supply chain" was added. The title changed too, but the title is not a clause.
func TestDiffSamples(t *testing.T) {
	v3, v4 := sample(t, "draft-scheme-mss-v0.3.md"), sample(t, "draft-scheme-mss-v0.4.md")
	same := func(n, h string) row { return row{Unchanged, n, n, h, h, ByHeading, false, false} }
	want := []row{
		same("1", "Introduction"),
		same("1.1", "Purpose of this document"),
		same("1.2", "Structure of the scheme"),
		same("2", "Subject matter and scope"),
		same("2.1", "Services in scope"),
		{Removed, "2.2", "", "Services out of scope", "", "", false, false},
		{Unchanged, "2.3", "2.2", "Assurance levels", "Assurance levels", ByHeading, false, false},
		same("3", "Security requirements"),
		same("3.1", "Governance"),
		same("3.1.1", "Information security policy"),
		same("3.1.2", "Roles and responsibilities"),
		same("3.2", "Personnel"),
		same("3.2.1", "Screening"),
		same("3.2.2", "Competence"),
		same("3.3", "Access to customer systems"),
		same("3.3.1", "Least privilege"),
		same("3.3.2", "Multi-factor authentication"),
		same("3.3.3", "Logging of provider actions"),
		same("3.4", "Incident handling"),
		{Changed, "3.4.1", "3.4.1", "Notification to the customer", "Notification to the customer", ByHeading, false, true},
		same("3.4.2", "Cooperation with authorities"),
		same("3.5", "Vulnerability management"),
		{Added, "", "3.6", "", "Supply chain", "", false, false},
		same("4", "Evaluation"),
		same("4.1", "Evaluation methods"),
		same("4.2", "Evaluation report"),
		same("5", "Certificates"),
		same("5.1", "Validity"),
		same("5.2", "Surveillance"),
		same("5.3", "Withdrawal"),
		same("Annex A", "Mapping to related standards"),
		same("Annex B", "Competence profiles"),
	}
	changes := DiffDocuments(v3, v4)
	assert.Equal(t, want, rows(changes))

	byNew := map[string]Change{}
	for _, c := range changes {
		if c.New != nil {
			byNew[c.NewNumber] = c
		}
	}
	assert.Equal(t, []Segment{
		{OpEqual, "The provider shall notify the customer of a significant incident affecting the service without undue\ndelay and in any event within "},
		{OpDelete, "24"},
		{OpInsert, "12"},
		{OpEqual, " hours of becoming aware of it"},
		{OpInsert, ", followed by\na full report within one month"},
		{OpEqual, "."},
	}, byNew["3.4.1"].BodyDiff)
	assert.True(t, byNew["2.2"].Renumbered())
	assert.False(t, byNew["3.4.1"].Renumbered())
	assert.Same(t, v3.Find("2.3"), byNew["2.2"].Old)
	assert.Same(t, v4.Find("2.2"), byNew["2.2"].New)
	assert.Same(t, v4.Find("3.6"), byNew["3.6"].New)
	assert.Nil(t, byNew["3.6"].Old)
	assert.Equal(t, v4.Find("3.6").Body, "The provider shall assess the security of the third-party tools and subcontractors it relies on to\n"+
		"deliver the service, and shall inform the customer of any subcontractor with access to its systems.")

	// A flat list gives the same answer as the tree.
	assert.Equal(t, changes, Diff(v3.Flatten(), v4.Flatten()))

	// Backwards: 2.2 was added, the old 2.2 became 2.3, 3.6 was removed after 3.5.
	back := rows(Diff(v4.Clauses, v3.Clauses))
	assert.Equal(t, row{Added, "", "2.2", "", "Services out of scope", "", false, false}, back[5])
	assert.Equal(t, row{Unchanged, "2.2", "2.3", "Assurance levels", "Assurance levels", ByHeading, false, false}, back[6])
	assert.Equal(t, row{Removed, "3.6", "", "Supply chain", "", "", false, false}, back[22])
	assert.Equal(t, "3.5", back[21].New)

	// Against itself: all unchanged.
	for _, c := range DiffDocuments(v4, v4) {
		assert.Equal(t, Unchanged, c.Kind, c.NewNumber)
	}
}

func TestDiffCases(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []row
	}{
		{
			name: "heading reworded, same number, similar body",
			old:  "## 1 Scope\nThis scheme covers managed security services delivered by third parties.\n",
			new:  "## 1 Subject matter\nThis scheme covers managed security services delivered by third parties to customers.\n",
			want: []row{{Changed, "1", "1", "Scope", "Subject matter", ByNumber, true, true}},
		},
		{
			name: "heading reworded, same number, different body",
			old:  "## 1 Scope\nThis scheme covers managed security services delivered by third parties.\n",
			new:  "## 1 Fees\nFees are set by the certification body and published yearly.\n",
			want: []row{
				{Removed, "1", "", "Scope", "", "", false, false},
				{Added, "", "1", "", "Fees", "", false, false},
			},
		},
		{
			name: "moved and renamed, same body",
			old:  "## 1 A\nalpha\n## 2 Old name\nThe provider shall keep records of every access for twelve months.\n",
			new:  "## 1 A\nalpha\n## 2 B\nbeta\n## 3 New name\nThe provider shall keep records of every access for twelve months.\n",
			want: []row{
				{Unchanged, "1", "1", "A", "A", ByHeading, false, false},
				{Added, "", "2", "", "B", "", false, false},
				{Changed, "2", "3", "Old name", "New name", ByBody, true, false},
			},
		},
		{
			name: "moved and renamed, nearly the same body",
			old:  "## 1 A\nalpha\n## 2 Old name\nThe provider shall keep records of every access for twelve months at least.\n",
			new:  "## 1 A\nalpha\n## 2 B\nbeta\n## 3 New name\nThe provider shall keep records of every access for twelve months at the least.\n",
			want: []row{
				{Unchanged, "1", "1", "A", "A", ByHeading, false, false},
				{Added, "", "2", "", "B", "", false, false},
				{Changed, "2", "3", "Old name", "New name", ByBody, true, true},
			},
		},
		{
			name: "swapped clauses",
			old:  "## 1 Alpha\na\n## 2 Beta\nb\n",
			new:  "## 1 Beta\nb\n## 2 Alpha\na\n",
			want: []row{
				{Unchanged, "2", "1", "Beta", "Beta", ByHeading, false, false},
				{Unchanged, "1", "2", "Alpha", "Alpha", ByHeading, false, false},
			},
		},
		{
			name: "first clause removed goes first",
			old:  "## 1 Alpha\na\n## 2 Beta\nb\n",
			new:  "## 1 Beta\nb\n",
			want: []row{
				{Removed, "1", "", "Alpha", "", "", false, false},
				{Unchanged, "2", "1", "Beta", "Beta", ByHeading, false, false},
			},
		},
		{
			name: "removed run stays in old order after its predecessor",
			old:  "## 1 A\na\n## 2 B\nb\n### 2.1 C\nc\n## 3 D\nd\n",
			new:  "## 1 A\na\n## 2 E\ne\n## 3 D\nd\n",
			want: []row{
				{Unchanged, "1", "1", "A", "A", ByHeading, false, false},
				{Removed, "2", "", "B", "", "", false, false},
				{Removed, "2.1", "", "C", "", "", false, false},
				{Added, "", "2", "", "E", "", false, false},
				{Unchanged, "3", "3", "D", "D", ByHeading, false, false},
			},
		},
		{
			name: "same heading under several parents pairs by parent",
			old:  "## 1 Cloud\n### 1.1 General\nCloud text one.\n## 2 Network\n### 2.1 General\nNetwork text two.\n## 3 Product\n### 3.1 General\nProduct text three.\n",
			new:  "## 1 Network\n### 1.1 General\nNetwork text two.\n## 2 Product\n### 2.1 General\nProduct text three, amended.\n",
			want: []row{
				{Removed, "1", "", "Cloud", "", "", false, false},
				{Removed, "1.1", "", "General", "", "", false, false},
				{Unchanged, "2", "1", "Network", "Network", ByHeading, false, false},
				{Unchanged, "2.1", "1.1", "General", "General", ByHeading, false, false},
				{Unchanged, "3", "2", "Product", "Product", ByHeading, false, false},
				{Changed, "3.1", "2.1", "General", "General", ByHeading, false, true},
			},
		},
		{
			name: "same heading, parents renamed: body decides",
			old:  "## 1 P\n### 1.1 General\nfirst text about apples\n### 1.2 General\nsecond text about pears\n",
			new:  "## 1 P\n### 1.1 General\nsecond text about pears\n### 1.2 General\nfirst text about apples\n",
			want: []row{
				{Unchanged, "1", "1", "P", "P", ByHeading, false, false},
				{Unchanged, "1.2", "1.1", "General", "General", ByHeading, false, false},
				{Unchanged, "1.1", "1.2", "General", "General", ByHeading, false, false},
			},
		},
		{
			name: "white space only: unchanged",
			old:  "## 1 Scope\nThe provider shall\nnotify the customer.\n",
			new:  "## 1  Scope\nThe provider  shall notify\nthe customer.   \n",
			want: []row{{Unchanged, "1", "1", "Scope", "Scope", ByHeading, false, false}},
		},
		{
			name: "heading case: changed, matched by heading",
			old:  "## 1 Scope of the scheme\ntext\n",
			new:  "## 1 Scope of the Scheme\ntext\n",
			want: []row{{Changed, "1", "1", "Scope of the scheme", "Scope of the Scheme", ByHeading, true, false}},
		},
		{
			name: "renamed parent without body, recognised by its children",
			old:  "## 1 Security requirements\n### 1.1 Governance\ng\n### 1.2 Personnel\np\n",
			new:  "## 1 Requirements\n### 1.1 Governance\ng\n### 1.2 Personnel\np\n",
			want: []row{
				{Changed, "1", "1", "Security requirements", "Requirements", ByNumber, true, false},
				{Unchanged, "1.1", "1.1", "Governance", "Governance", ByHeading, false, false},
				{Unchanged, "1.2", "1.2", "Personnel", "Personnel", ByHeading, false, false},
			},
		},
		{
			name: "renamed leaf without body, recognised by its heading",
			old:  "## 1 Security requirements of services\n",
			new:  "## 1 Security requirements for services\n",
			want: []row{{Changed, "1", "1", "Security requirements of services", "Security requirements for services", ByNumber, true, false}},
		},
		{
			name: "same number, same short body: a renamed heading",
			old:  "## 1 Alpha\nReserved.\n",
			new:  "## 1 Omega\nReserved.\n",
			want: []row{{Changed, "1", "1", "Alpha", "Omega", ByNumber, true, false}},
		},
		{
			name: "short identical bodies under other numbers stay apart",
			old:  "## 1 Alpha\nReserved.\n",
			new:  "## 2 Omega\nReserved.\n",
			want: []row{
				{Removed, "1", "", "Alpha", "", "", false, false},
				{Added, "", "2", "", "Omega", "", false, false},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, n := mustParse(t, tt.old), mustParse(t, tt.new)
			got := DiffDocuments(o, n)
			assert.Equal(t, tt.want, rows(got))
			checkChanges(t, o.Flatten(), n.Flatten(), got)
		})
	}
}

// checkChanges checks what holds for every diff: each old and each new clause appears once,
// new clauses in reading order, and the diffs rebuild both texts.
func checkChanges(t testing.TB, olds, news []*Clause, changes []Change) {
	t.Helper()
	seenOld, seenNew := map[*Clause]int{}, map[*Clause]int{}
	next := 0
	for _, c := range changes {
		switch c.Kind {
		case Added:
			require.Nil(t, c.Old)
			require.NotNil(t, c.New)
		case Removed:
			require.Nil(t, c.New)
			require.NotNil(t, c.Old)
		default:
			require.NotNil(t, c.Old)
			require.NotNil(t, c.New)
			oldBody, newBody := joinSegments(c.BodyDiff)
			if c.BodyDiff != nil {
				require.Equal(t, c.Old.Body, oldBody)
				require.Equal(t, c.New.Body, newBody)
			}
			require.Equal(t, c.Kind == Changed, c.BodyDiff != nil || c.HeadingDiff != nil)
		}
		if c.Old != nil {
			seenOld[c.Old]++
		}
		if c.New != nil {
			seenNew[c.New]++
			require.Same(t, news[next], c.New, "new clauses in reading order")
			next++
		}
	}
	require.Equal(t, len(news), next)
	require.Len(t, seenOld, len(olds))
	for _, c := range olds {
		require.Equal(t, 1, seenOld[c])
	}
}

func joinSegments(segs []Segment) (old, new string) {
	var a, b strings.Builder
	for _, s := range segs {
		if s.Op != OpInsert {
			a.WriteString(s.Text)
		}
		if s.Op != OpDelete {
			b.WriteString(s.Text)
		}
	}
	return a.String(), b.String()
}

func TestDiffEdges(t *testing.T) {
	d := sample(t, "draft-scheme-mss-v0.3.md")
	assert.Empty(t, Diff(nil, nil))
	added := Diff(nil, d.Clauses)
	require.Len(t, added, 31)
	for _, c := range added {
		assert.Equal(t, Added, c.Kind)
	}
	removed := Diff(d.Clauses, nil)
	require.Len(t, removed, 31)
	assert.Equal(t, "1", removed[0].OldNumber)
	assert.Equal(t, "Annex B", removed[30].OldNumber)
	// nil entries are skipped
	assert.Len(t, Diff([]*Clause{nil}, []*Clause{nil, {Number: "1", Heading: "A"}}), 1)
}

func TestChangeJSON(t *testing.T) {
	v3, v4 := sample(t, "draft-scheme-mss-v0.3.md"), sample(t, "draft-scheme-mss-v0.4.md")
	var changed, removed Change
	for _, c := range DiffDocuments(v3, v4) {
		switch c.Kind {
		case Changed:
			changed = c
		case Removed:
			removed = c
		}
	}
	b, err := json.Marshal(removed)
	require.NoError(t, err)
	assert.JSONEq(t, `{"kind":"removed","old_number":"2.2","old_heading":"Services out of scope"}`, string(b))
	b, err = json.Marshal(changed)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"kind":"changed","old_number":"3.4.1","new_number":"3.4.1"`)
	assert.Contains(t, string(b), `"body_diff":[{"op":"equal","text":"The provider`)
	assert.Contains(t, string(b), `{"op":"delete","text":"24"},{"op":"insert","text":"12"}`)
	assert.NotContains(t, string(b), "heading_diff")
}
