() => { setTimeout(() => { const t = document.querySelector('#cb-question textarea');
                           if (t && !t.disabled) t.focus(); }, 60); }
